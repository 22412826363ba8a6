/**
 * Aider: <repo>/.aider.chat.history.md, appended as markdown. "# aider chat
 * started at ..." opens a session (one file holds many), "#### " lines are the
 * user's, "> " lines are aider's own output, everything else is the
 * assistant's reply. Only /run and /test output is logged, without exit codes.
 *
 * Aider logs a /run's output twice: first raw after the first "> " line, then
 * every line again with "> ". The raw copy is recognised by the echo of its
 * first line and not mistaken for assistant prose.
 *
 * With --auto-test aider runs its configured test command after every applied
 * edit and logs nothing of a pass; a failure ends with its own question
 * "Attempt to fix test errors?", which is the run's verdict even when the
 * command printed nothing. The launch line ("> aider --test-cmd ... --message
 * ...") is argv joined by spaces, so a multi-line --message continues on
 * unquoted lines that are the user's words, not the assistant's.
 */
import type { LineAdapter, LineParser } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { recogniseTestOutput } from '../testRuns';
import { AutoTest } from './aiderAutoTest';

const HEADER = /^# aider chat started at (\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/;
const RUN = /^\/(run|test)\s+(.+)$/;

type Mode =
  | { kind: 'idle' }
  | { kind: 'prose'; start: number; lines: string[] }
  | { kind: 'user'; start: number; lines: string[] }
  | { kind: 'launch'; lines: string[] }
  | { kind: 'output'; start: number; command?: string; lines: string[]; stage: 'before' | 'first' | 'raw' | 'quoted'; first?: string; raw: string[] };

interface Block {
  path: string;
  oldText: string;
  newText: string;
}

function unquote(line: string): string {
  return line.replace(/^> ?/, '').replace(/ {2}$/, '');
}

/** SEARCH/REPLACE (or ORIGINAL/UPDATED) blocks in a reply, by the file name written above them. */
function editBlocks(prose: string): Block[] {
  const blocks: Block[] = [];
  const lines = prose.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^<{5,9} (?:SEARCH|ORIGINAL)\s*$/.test(lines[i])) continue;
    let path = '';
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      const candidate = lines[j].trim();
      if (candidate && !candidate.startsWith('```')) {
        path = candidate;
        break;
      }
    }
    const old: string[] = [];
    const added: string[] = [];
    let target = old;
    for (i++; i < lines.length && !/^>{5,9} (?:REPLACE|UPDATED)\s*$/.test(lines[i]); i++) {
      if (/^={5,9}\s*$/.test(lines[i])) target = added;
      else target.push(lines[i]);
    }
    blocks.push({ path, oldText: old.join('\n'), newText: added.join('\n') });
  }
  return blocks;
}

/** Aider's launch line: argv joined by spaces, the program named aider (any install path). */
function isLaunchLine(info: string): boolean {
  return /^(?:\S*[\\/])?aider(?:\.exe)?(?:\s|$)/.test(info) || /^\$ aider(?:\s|$)/.test(info);
}

class AiderParser implements LineParser {
  orphanErrors = 0;
  private all: SessionBuilder[] = [];
  private current?: SessionBuilder;
  private mode: Mode = { kind: 'idle' };
  private lastBlocks: Block[] = [];
  /** The previous line when it was one of aider's "> " lines: raw output may follow it directly. */
  private lastQuoted?: { text: string; lineNo: number };
  private autoTest = new AutoTest();

  constructor(private readonly path: string) {}

  builders(): SessionBuilder[] {
    return this.all;
  }

  private startSession(lineNo: number, started?: string): SessionBuilder {
    const b = new SessionBuilder({
      id: `${fileStem(this.path) || 'aider'}#L${lineNo}`,
      assistant: 'aider',
      sourcePath: this.path,
      started,
      workspace: normalisePath(this.path).replace(/\/[^/]*$/, '') || undefined,
    });
    for (let i = 0; i < this.orphanErrors; i++) b.parseError();
    this.orphanErrors = 0;
    // A new session means the last one's user has moved on: an auto-test still pending passed.
    if (this.current) this.autoTest.settle(this.current, this.path);
    this.autoTest = new AutoTest();
    this.all.push(b);
    this.current = b;
    return b;
  }

  private session(lineNo: number): SessionBuilder {
    return this.current ?? this.startSession(lineNo);
  }

  /** Closes whatever block is open; a raw section that never got its echo was prose after all. */
  private close(): void {
    const mode = this.mode;
    this.mode = { kind: 'idle' };
    if (mode.kind === 'launch') {
      this.autoTest.launched(mode.lines.join('\n'));
    } else if (mode.kind === 'prose') {
      const text = mode.lines.join('\n');
      if (!text.trim()) return;
      this.lastBlocks = editBlocks(text);
      this.session(mode.start).completion(`L${mode.start}`, text, { path: this.path, line: mode.start });
    } else if (mode.kind === 'user') {
      const text = mode.lines.join('\n');
      this.session(mode.start).user(`L${mode.start}`, text, { path: this.path, line: mode.start });
    } else if (mode.kind === 'output') {
      const all = mode.lines.join('\n');
      if (mode.command !== undefined) {
        this.session(mode.start).toolRun({ id: `L${mode.start}`, command: mode.command, output: all, source: { path: this.path, line: mode.start } });
        return;
      }
      // Output without a command: aider echoes it only when it offers it to the model (a failing
      // run), so a raw block counts when echoed or when it reads as a test runner's output.
      const runner = recogniseTestOutput(all);
      if (mode.stage !== 'raw' || runner) {
        const run = this.session(mode.start).toolRun({ id: `L${mode.start}`, command: runner ? '(aider auto-test)' : '(aider command)', output: all, runner, source: { path: this.path, line: mode.start } });
        this.autoTest.printed(run, all);
        return;
      }
      this.mode = { kind: 'prose', start: mode.start + 1, lines: mode.raw };
      this.close();
    }
  }

  line(raw: string, lineNo: number): void {
    const text = raw.replace(/\r$/, '');
    if (text.includes('\u0000')) {
      if (this.current) this.current.parseError();
      else this.orphanErrors++;
      return;
    }
    // An editor's mode line ("-*- mode: fundamental -*-") is not part of any chat.
    if (lineNo === 1 && /^-\*-.*-\*-\s*$/.test(text)) return;
    const header = HEADER.exec(text);
    if (header) {
      this.close();
      this.startSession(lineNo, `${header[1]}T${header[2]}`);
      return;
    }
    const mode = this.mode;
    // Aider's own lines start "> " (or are a bare ">"); ">>>>>>> REPLACE" belongs to the reply.
    const quoted = text.startsWith('> ') || text === '>';

    if (mode.kind === 'launch') {
      if (!quoted && !text.startsWith('#### ')) {
        mode.lines.push(text);
        return;
      }
      this.close();
    }
    if (quoted && this.current && !this.autoTest.seenLaunch && isLaunchLine(unquote(text))) {
      this.close();
      this.autoTest.seenLaunch = true;
      this.mode = { kind: 'launch', lines: [unquote(text)] };
      return;
    }

    if (mode.kind === 'output') {
      if (mode.stage === 'before') {
        if (!text.trim()) return;
        if (quoted) {
          mode.first = unquote(text).trim();
          mode.lines.push(unquote(text));
          mode.stage = 'first';
          return;
        }
      } else if (mode.stage === 'raw') {
        // Raw output may hold lines of its own starting "> " (pytest marks failing lines so); only the echo ends it.
        if (quoted && unquote(text).trim() === mode.first) {
          mode.raw = [];
          mode.lines = [unquote(text)];
          mode.stage = 'quoted';
          return;
        }
        if (!text.startsWith('#### ')) {
          mode.raw.push(text);
          mode.lines.push(text);
          return;
        }
      } else if (mode.stage === 'first') {
        if (quoted) {
          mode.lines.push(unquote(text));
          mode.stage = 'quoted';
          return;
        }
        if (!text.startsWith('#### ')) {
          mode.stage = 'raw';
          mode.raw.push(text);
          mode.lines.push(text);
          return;
        }
      } else if (quoted) {
        mode.lines.push(unquote(text));
        return;
      }
      this.close();
    }

    if (text.startsWith('#### ')) {
      const body = text.slice(5).replace(/ {2}$/, '');
      const run = RUN.exec(body.trim());
      if (run) {
        this.close();
        this.session(lineNo);
        this.mode = { kind: 'output', start: lineNo, command: run[2].trim(), lines: [], stage: 'before', raw: [] };
        return;
      }
      if (this.mode.kind === 'user') {
        this.mode.lines.push(body);
        return;
      }
      this.close();
      this.autoTest.settle(this.session(lineNo), this.path);
      this.autoTest.seenLaunch = true; // the launch line comes before the first turn, never after
      if (body.trim().startsWith('/')) return; // aider's own commands (/add, /undo ...), not words to the assistant
      this.mode = { kind: 'user', start: lineNo, lines: [body] };
      return;
    }

    if (quoted) {
      this.close();
      const info = unquote(text).trim();
      this.lastQuoted = { text: info, lineNo };
      if (this.current && this.autoTest.quoted(info, this.current, { path: this.path, line: lineNo })) return;
      const applied = /^Applied edit to (.+)$/.exec(info);
      const failed = /^(?:Failed to apply edit to|Did not apply edit to) (.+?)(?: \(.*\))?$/.exec(info);
      const edit = applied ?? failed;
      if (edit && this.current) {
        const path = edit[1].trim();
        const block = this.lastBlocks.find((b) => b.path === path || b.path.endsWith(path) || path.endsWith(b.path));
        this.current.fileEdit({ id: `L${lineNo}`, path, oldText: block?.oldText, newText: block?.newText, operation: block ? (block.oldText === '' ? 'write' : 'replace') : undefined, applied: !!applied, source: { path: this.path, line: lineNo } });
        if (applied) this.autoTest.edited(lineNo);
      }
      return;
    }

    const previousQuoted = this.lastQuoted;
    this.lastQuoted = undefined;
    if (previousQuoted && previousQuoted.lineNo === lineNo - 1 && text.trim() && previousQuoted.text) {
      // Output aider printed without its command (auto-test, lint): its first line quoted, the rest raw, then all quoted again.
      this.mode = { kind: 'output', start: previousQuoted.lineNo, lines: [previousQuoted.text, text], stage: 'raw', first: previousQuoted.text, raw: [text] };
      this.session(lineNo);
      return;
    }
    if (this.mode.kind === 'user') {
      if (!text.trim()) {
        this.close();
        return;
      }
      this.close();
    }
    if (this.mode.kind === 'prose') {
      this.mode.lines.push(text);
      return;
    }
    if (!text.trim()) return;
    this.session(lineNo);
    this.mode = { kind: 'prose', start: lineNo, lines: [text] };
  }

  flush(final: boolean): void {
    // Aider writes each reply and each command's output in one go, so an open block is complete once the writer pauses.
    if (final || this.mode.kind !== 'output' || this.mode.stage === 'quoted') this.close();
  }
}

export const aiderAdapter: LineAdapter = {
  assistant: 'aider',
  mode: 'lines',
  matchesPath: (path) => /(?:^|\/)\.aider\.chat\.history\.md$/.test(normalisePath(path)),
  sniff: (head, path) =>
    /\.(?:md|markdown)$/i.test(path) &&
    (/^# aider chat started at /m.test(head) || (/^#### /m.test(head) && /^> (?:Applied edit to|Tokens: |Aider v|\$ aider|Added .* to the chat)/m.test(head))),
  createParser: (path) => new AiderParser(path),
};
