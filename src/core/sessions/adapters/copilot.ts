/**
 * GitHub Copilot Chat: <user dir>/workspaceStorage/<hash>/chatSessions/<id>.json
 * (version 3, requests[]) and, since VS Code 1.109, <id>.jsonl: a patch log
 * replayed into the same state (kind 0 full state, 1 set at path k, 2 append
 * to the array at k after truncating to i, 3 delete). Both become events the
 * same way; the patch log is replayed incrementally.
 */
import type { DocumentAdapter, LineAdapter, LineParser, SourceIO } from '../adapter';
import { fileStem, normalisePath } from '../adapter';
import { SessionBuilder } from '../builder';
import { arr, isObject, isoTime, LineLocator, num, obj, str, tryParseJson, type Json, type JsonObject } from '../text';

/** Emits the events of requests[from..] once each, splitting a response's prose at tool calls. */
class CopilotProjector {
  private emitted = new Set<string>();
  constructor(
    readonly builder: SessionBuilder,
    private readonly path: string,
  ) {}

  private once(id: string): boolean {
    if (this.emitted.has(id)) return false;
    this.emitted.add(id);
    return true;
  }

  /** Projects requests[from..]; earlier ones are already fully emitted. */
  project(state: JsonObject, final: boolean, lineOf: (needle: string | undefined) => number, from = 0): void {
    const s = this.builder.session;
    const title = str(state.customTitle);
    if (title) s.title = title;
    const requests = arr(state.requests);
    for (let index = Math.max(0, from); index < requests.length; index++) {
      const raw = requests[index];
      if (!isObject(raw)) continue;
      const requestId = str(raw.requestId) ?? `request-${index}`;
      const timestamp = isoTime(raw.timestamp);
      const message = obj(raw.message);
      const userText = str(message.text) ?? '';
      const done = final || index < requests.length - 1 || isObject(raw.result);
      if (this.once(`${requestId}:user`)) this.builder.user(requestId, userText, { path: this.path, line: lineOf(userText || requestId) }, timestamp);
      const model = str(raw.modelId);
      let prose: string[] = [];
      let segment = 0;
      const closeSegment = () => {
        const id = `${requestId}:${segment}`;
        const text = prose.join('');
        if (text.trim() && this.once(id)) this.builder.completion(id, text, { path: this.path, line: lineOf(text.trim().slice(0, 40)) }, timestamp, model);
        if (text.trim()) segment++;
        prose = [];
      };
      for (const part of arr(raw.response)) {
        if (!isObject(part)) continue;
        const kind = str(part.kind);
        if (kind === 'markdownContent' || (kind === undefined && typeof part.value === 'string')) {
          prose.push(str(obj(part.content).value) ?? str(part.value) ?? '');
          continue;
        }
        if (kind === 'inlineReference') continue;
        if (kind === 'thinking' || kind === 'progressMessage' || kind === 'undoStop' || kind === 'codeblockUri') continue;
        closeSegment();
        if (kind === 'toolInvocationSerialized' || kind === 'toolInvocation') this.tool(part, requestId, timestamp, lineOf);
        else if (kind === 'textEditGroup') this.editGroup(part, requestId, timestamp, lineOf);
      }
      if (done) closeSegment();
    }
  }

  private tool(part: JsonObject, requestId: string, timestamp: string | undefined, lineOf: (n: string | undefined) => number): void {
    const data = obj(part.toolSpecificData);
    const callId = str(part.toolCallId) ?? `${requestId}:tool`;
    const commandLine = obj(data.commandLine);
    const command = str(commandLine.toolEdited) ?? str(commandLine.original) ?? str(data.command);
    if (data.kind !== 'terminal' || command === undefined) return;
    const state = obj(data.terminalCommandState);
    const exitCode = num(state.exitCode);
    const output = str(obj(data.terminalCommandOutput).text) ?? str(obj(part.resultDetails).output) ?? '';
    const complete = part.isComplete === true || exitCode !== undefined;
    if (!complete || !this.once(callId)) return;
    this.builder.toolRun({ id: callId, command, output: output.replace(/\r\n/g, '\n'), exitCode, timestamp, source: { path: this.path, line: lineOf(callId) } });
  }

  private editGroup(part: JsonObject, requestId: string, timestamp: string | undefined, lineOf: (n: string | undefined) => number): void {
    const uri = obj(part.uri);
    const path = str(uri.fsPath) ?? str(uri.path) ?? str(part.uri) ?? '';
    const id = `${requestId}:edit:${path}`;
    if (!path || !this.once(id)) return;
    const texts = arr(part.edits).flatMap((group) => arr(group)).map((e) => str(obj(e).text) ?? '');
    this.builder.fileEdit({ id, path, newText: texts.join('\n'), timestamp, source: { path: this.path, line: lineOf(path) } });
  }
}

function newBuilder(state: JsonObject, path: string): SessionBuilder {
  return new SessionBuilder({
    id: str(state.sessionId) ?? fileStem(path),
    assistant: 'copilot-chat',
    sourcePath: path,
    title: str(state.customTitle),
    started: isoTime(state.creationDate),
  });
}

/** Folder of the workspace a chatSessions file belongs to, from ../workspace.json. */
async function workspaceOf(path: string, io: SourceIO): Promise<string | undefined> {
  const dir = normalisePath(path).replace(/\/chatSessions\/[^/]+$/, '');
  try {
    const ws = obj(tryParseJson(await io.readText(`${dir}/workspace.json`)));
    const folder = str(ws.folder) ?? str(ws.workspace);
    return folder ? decodeURIComponent(folder.replace(/^file:\/\//, '')) : undefined;
  } catch {
    return undefined;
  }
}

export const copilotJsonAdapter: DocumentAdapter = {
  assistant: 'copilot-chat',
  mode: 'document',
  matchesPath: (path) => /\/chatSessions\/[^/]+\.json$/.test(normalisePath(path)),
  sniff: (head) => /"requests"\s*:/.test(head) && /"(?:version|sessionId|requesterUsername)"\s*:/.test(head),
  async load(path, io) {
    const text = await io.readText(path);
    const state = tryParseJson(text);
    if (!isObject(state)) return { sessions: [], parseErrors: 1, inputs: [path] };
    const builder = newBuilder(state, path);
    const workspace = await workspaceOf(path, io);
    if (workspace) builder.session.workspace = workspace;
    const locator = new LineLocator(text);
    new CopilotProjector(builder, path).project(state, true, (n) => locator.locate(n));
    return { sessions: [builder.session], parseErrors: 0, inputs: [path] };
  },
};

/** Applies one patch-log operation to the state; false when it does not fit the state. */
export function applyPatch(root: { state: JsonObject }, op: JsonObject): boolean {
  const kind = op.kind;
  if (kind === 0) {
    if (!isObject(op.v)) return false;
    root.state = op.v;
    return true;
  }
  const keys = arr(op.k);
  if (keys.length === 0 || !keys.every((k) => typeof k === 'string' || typeof k === 'number')) return false;
  let target: Json = root.state;
  for (const key of keys.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(target) ? target[key as number] : isObject(target) ? target[key as string] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') return false;
    target = next;
  }
  const last = keys[keys.length - 1] as string | number;
  if (typeof target !== 'object' || target === null) return false;
  const container = target as Record<string | number, Json>;
  if (kind === 1) {
    container[last] = op.v ?? null;
    return true;
  }
  if (kind === 2) {
    let list = container[last];
    if (list === undefined || list === null) list = container[last] = [];
    if (!Array.isArray(list)) return false;
    const at = num(op.i);
    if (at !== undefined && at >= 0) list.length = Math.min(list.length, at);
    if (Array.isArray(op.v)) list.push(...op.v);
    else if (op.v !== undefined) list.push(op.v);
    return true;
  }
  if (kind === 3) {
    if (Array.isArray(container) && typeof last === 'number') container.splice(last, 1);
    else delete container[last];
    return true;
  }
  return false;
}

class CopilotLogParser implements LineParser {
  orphanErrors = 0;
  private root?: { state: JsonObject };
  private projector?: CopilotProjector;
  private dirty = false;
  private lastLine = 1;
  /** Lowest request index changed since the last flush; requests before it need no projection. */
  private touched = Number.POSITIVE_INFINITY;
  /** Requests before this index were already projected as complete. */
  private settled = 0;

  constructor(private readonly path: string) {}

  builders(): SessionBuilder[] {
    return this.projector ? [this.projector.builder] : [];
  }

  private error(): void {
    if (this.projector) this.projector.builder.parseError();
    else this.orphanErrors++;
  }

  line(text: string, lineNo: number): void {
    if (!text.trim()) return;
    const op = tryParseJson(text);
    if (!isObject(op)) return this.error();
    if (!this.root) {
      if (op.kind !== 0 || !isObject(op.v)) return this.error();
      this.root = { state: op.v };
      this.projector = new CopilotProjector(newBuilder(op.v, this.path), this.path);
      for (let i = 0; i < this.orphanErrors; i++) this.projector.builder.parseError();
      this.orphanErrors = 0;
      this.touched = 0;
    } else {
      const keys = arr(op.k);
      const before = arr(this.root.state.requests).length;
      if (!applyPatch(this.root, op)) return this.error();
      const index = op.kind === 0 ? 0 : keys[0] !== 'requests' ? Number.POSITIVE_INFINITY : typeof keys[1] === 'number' ? keys[1] : Math.min(before, num(op.i) ?? before);
      this.touched = Math.min(this.touched, index);
    }
    this.lastLine = lineNo;
    this.dirty = true;
  }

  flush(final: boolean): void {
    if (!this.root || !this.projector || (!this.dirty && !final)) return;
    this.dirty = false;
    const line = this.lastLine;
    const count = arr(this.root.state.requests).length;
    // The last settled request becomes complete once a newer one exists, so it is projected again.
    const from = Math.min(this.touched, Math.max(0, this.settled - 1));
    this.projector.project(this.root.state, final, () => line, from);
    this.touched = Number.POSITIVE_INFINITY;
    this.settled = count;
  }
}

export const copilotLogAdapter: LineAdapter = {
  assistant: 'copilot-chat',
  mode: 'lines',
  matchesPath: (path) => /\/chatSessions\/[^/]+\.jsonl$/.test(normalisePath(path)),
  sniff: (head) => {
    const op = tryParseJson(head.split('\n', 1)[0]);
    return isObject(op) && op.kind === 0 && isObject(op.v) && Array.isArray(op.v.requests);
  },
  createParser: (path) => new CopilotLogParser(path),
};

export { workspaceOf as copilotWorkspaceOf };
