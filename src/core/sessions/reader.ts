/**
 * Turns one session source into a stream of new events. Append-only formats
 * are tailed from the last byte offset (cost proportional to new bytes);
 * documents are re-read when any of their input files changes and diffed by
 * event id, so an event is never handed out twice, even after truncation or
 * rotation of the file.
 */
import { promises as fsp } from 'node:fs';
import type { DocumentAdapter, LineAdapter, LineParser, SessionAdapter, SourceIO } from './adapter';
import { describeError, nodeSourceIO } from './fsRead';
import type { ParsedSource, Session, SessionEvent } from './model';
import { readSidecar, type Sidecar } from './sidecars';
import { FileTail } from './tail';

export interface NewEvent {
  session: Session;
  event: SessionEvent;
}

export interface ReaderUpdate {
  events: NewEvent[];
  /** The source was deleted: its sessions have ended. */
  ended: boolean;
  /** The file shrank or was replaced and was read again from the start. */
  reset: boolean;
  /** Unreadable right now (permission denied ...); a later update may succeed. */
  error?: string;
}

export class SessionFileReader {
  private tail?: FileTail;
  private parser?: LineParser;
  private signature?: string;
  private documentSessions: Session[] = [];
  private documentErrors = 0;
  private readonly seen = new Set<string>();
  /** What the files beside the transcript say (null: nothing), read once. */
  private sidecar?: Sidecar | null;
  private lastError?: string;
  ended = false;

  constructor(
    readonly path: string,
    readonly adapter: SessionAdapter,
    private readonly io: SourceIO = nodeSourceIO,
  ) {}

  /** Sessions read so far. */
  sessions(): Session[] {
    if (this.adapter.mode === 'document') return this.documentSessions;
    return this.parser ? this.parser.builders().map((b) => b.session) : [];
  }

  parseErrors(): number {
    if (this.adapter.mode === 'document') return this.documentErrors;
    return (this.parser?.orphanErrors ?? 0) + this.sessions().reduce((n, s) => n + s.parseErrors, 0);
  }

  get error(): string | undefined {
    return this.lastError;
  }

  /**
   * Reads what is new. `final` treats the end of the file as the end of the
   * session (one-shot reads); a live tail passes false and calls again later.
   */
  async update(final = false): Promise<ReaderUpdate> {
    if (this.ended) return { events: [], ended: true, reset: false };
    const update = this.adapter.mode === 'lines' ? await this.updateLines(this.adapter, final) : await this.updateDocument(this.adapter);
    this.lastError = update.error;
    if (update.ended) this.ended = true;
    return update;
  }

  private fresh(sessions: Session[], drained?: Map<Session, SessionEvent[]>): NewEvent[] {
    const out: NewEvent[] = [];
    for (const session of sessions) {
      for (const event of drained?.get(session) ?? session.events) {
        const key = `${session.id}\u0000${event.id}\u0000${event.kind}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        out.push({ session, event });
      }
    }
    return out;
  }

  private async updateLines(adapter: LineAdapter, final: boolean): Promise<ReaderUpdate> {
    if (!this.tail) this.tail = new FileTail(this.path);
    if (!this.parser) this.parser = adapter.createParser(this.path);
    let parser = this.parser;
    const feed = (text: string, lineNo: number) => parser.line(text, lineNo);
    let result = await this.tail.read(feed);
    let reset = false;
    if (result.reset) {
      // Read from the start into a fresh parser; events already handed out are filtered by id.
      reset = true;
      parser = this.parser = adapter.createParser(this.path);
      this.tail = new FileTail(this.path);
      result = await this.tail.read(feed);
    }
    if (result.overlong) {
      const builders = parser.builders();
      for (let i = 0; i < result.overlong; i++) {
        if (builders.length) builders[builders.length - 1].parseError();
        else parser.orphanErrors++;
      }
    }
    const ended = result.gone;
    if (final || ended) this.tail.takePartial(feed);
    parser.flush(final || ended);
    if (this.sidecar === undefined) this.sidecar = (await readSidecar(adapter, this.path, this.io)) ?? null;
    const drained = new Map<Session, SessionEvent[]>();
    const sessions: Session[] = [];
    for (const b of parser.builders()) {
      // The transcript's own values come first; the sidecar fills what its lines do not say.
      for (const key of ['workspace', 'title', 'started'] as const) {
        const value = this.sidecar?.[key];
        if (value && !b.session[key]) b.session[key] = value;
      }
      drained.set(b.session, b.drain());
      sessions.push(b.session);
    }
    return { events: this.fresh(sessions, drained), ended, reset, error: result.error };
  }

  private async updateDocument(adapter: DocumentAdapter): Promise<ReaderUpdate> {
    const previous = this.signature;
    try {
      await fsp.access(this.path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { events: [], ended: true, reset: false };
      return { events: [], ended: false, reset: false, error: describeError(err) };
    }
    if (previous !== undefined && (await this.inputsSignature()) === previous) return { events: [], ended: false, reset: false };
    try {
      const result = await adapter.load(this.path, this.io);
      this.documentSessions = result.sessions;
      this.documentErrors = result.parseErrors;
      this.inputs = result.inputs;
      this.signature = await this.inputsSignature();
      return { events: this.fresh(result.sessions), ended: false, reset: false };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { events: [], ended: true, reset: false };
      return { events: [], ended: false, reset: false, error: describeError(err) };
    }
  }

  private inputs: string[] = [];

  /** Size, mtime and inode of every input; any change means the document must be re-read. */
  private async inputsSignature(): Promise<string> {
    const parts: string[] = [];
    for (const input of this.inputs.length ? this.inputs : [this.path]) {
      try {
        const s = await fsp.stat(input);
        parts.push(`${s.ino}:${s.size}:${s.mtimeMs}`);
      } catch {
        parts.push('-');
      }
    }
    return parts.join('|');
  }

  /** Files and folders whose change should trigger an update (for watchers). */
  watchedInputs(): string[] {
    return this.adapter.mode === 'document' && this.inputs.length ? this.inputs : [this.path];
  }
}

/** Reads a whole source once, as the `sessions` command does. */
export async function parseSource(path: string, adapter: SessionAdapter, io: SourceIO = nodeSourceIO): Promise<ParsedSource> {
  const reader = new SessionFileReader(path, adapter, io);
  const update = await reader.update(true);
  const parsed: ParsedSource = { path, assistant: adapter.assistant, sessions: reader.sessions(), parseErrors: reader.parseErrors() };
  if (update.error) parsed.error = update.error;
  else if (update.ended && parsed.sessions.length === 0) parsed.error = 'vanished (no such file)';
  return parsed;
}
