/**
 * The one message protocol between the extension host and the timeline webview.
 *
 * - The webview starts with a `ready` handshake carrying PROTOCOL_VERSION (and the view
 *   state it restored with getState); the host posts nothing before it, because a hidden
 *   or loading webview drops messages.
 * - The host then sends one complete `snapshot`; later changes are `notify` messages:
 *   `append` for new completions and runs of the shown session (never a full resend),
 *   `view` when a session must be replaced whole (e.g. its file was read again).
 * - Webview-to-host calls are `request`s with an id, answered by exactly one `response`;
 *   the webview times them out after REQUEST_TIMEOUT_MS.
 * Messages cross a trust boundary: the host validates every message with
 * `parseWebviewMessage` (and the restored state with `parseViewState`); the webview
 * checks the envelope of what it receives and inserts every string as text only.
 */
import type { AssistantId } from './assistants';
import type { TamperKind } from './tamperKinds';
import type { RecognisedBy, TestCounts, TestOutcome } from './testOutcome';

export const PROTOCOL_VERSION = 4;
/** How long the webview waits for a response before it gives up on a request. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** Bounds the validators enforce; anything longer is not a name the host ever sent. */
const MAX_KEY = 4096;
const MAX_NAME = 64;
const MAX_EMOTIONS = 171;

// ---------------------------------------------------------------------------------------
// Data the host sends

/** The 171 emotions and where their vectors lie on the valence/arousal map. */
export interface EmotionCatalog {
  /** Names in the paper's order; every emotion index in this protocol points into it. */
  names: string[];
  /** Each vector's [PC1, PC2], oriented so +PC1 is pleasant and +PC2 aroused. */
  coords: Array<[number, number]>;
  /** Share of variance PC1 and PC2 explain, for the axis titles (0..1). */
  explained?: [number, number];
  /** The emotions plotted when nothing else was chosen (setting emotionLens.emotionsShown). */
  defaults: string[];
}

/** One entry of the session picker. */
export interface SessionListItem {
  /** Chosen by the host, unique among sessions (e.g. source path + '#' + session id). */
  key: string;
  assistant: AssistantId;
  title: string;
  /** ISO 8601. */
  lastActivity?: string;
  completions: number;
  failingStreak: number;
  /** Latest desperate level (z), when read. */
  desperate?: number;
  flagged: number;
}

/** One read completion: a point on the timeline (x = index). */
export interface CompletionPoint {
  /** 0-based position among the session's completions: the x coordinate. */
  index: number;
  /** The completion's event id (stable across re-reads). */
  id: string;
  /** ISO 8601, when the transcript records it. */
  time?: string;
  /** First non-empty line of the text, cut to FIRST_LINE_MAX characters. */
  firstLine: string;
  /** The three highest readings: [emotion index, z], highest first. */
  top: Array<[number, number]>;
  /** Position on the valence/arousal map (see src/core/chartData/mapPosition.ts). */
  pos: [number, number];
  /**
   * Set when the reading is not to be trusted, with why ("too short to read (5 tokens,
   * fewer than 8)", "no prose to read ..."): the point is drawn hollow and never warns.
   */
  unreadable?: string;
}

export const FIRST_LINE_MAX = 160;
export const UNREADABLE_MAX = 200;

/** A test run on the timeline's x axis: between the completions before and after it. */
export interface TestRunMark {
  /** The tool-run event id. */
  id: string;
  x: number;
  outcome: TestOutcome;
  /** The command, cut to COMMAND_MAX characters. */
  command: string;
  time?: string;
  counts?: TestCounts;
}

export const COMMAND_MAX = 200;

/** A loop of consecutive failing test runs, as an x range to shade. */
export interface LoopSpan {
  from: number;
  to: number;
  runs: number;
}

export type FlagReason = 'desperation' | TamperKind;

export interface FlagMark {
  /** Completion index the flag belongs to. */
  index: number;
  reason: FlagReason;
  message: string;
}

/** The horizontal line at which the failing-loop alert fires. */
export interface AlertLine {
  emotion: string;
  /** The session's baseline plus the alert threshold, in z. */
  level: number;
}

/** Everything the timeline draws for one session: a complete snapshot, never a delta. */
export interface SessionView {
  key: string;
  title: string;
  assistant: AssistantId;
  /** The model whose readings these are (readings of different models are never mixed). */
  model: string;
  /** The plotted emotions: the keys of `series`. */
  emotions: string[];
  /** Read completions in index order. */
  completions: CompletionPoint[];
  /** Per plotted emotion, one z per entry of `completions` (same order). */
  series: Record<string, number[]>;
  testRuns: TestRunMark[];
  loops: LoopSpan[];
  flags: FlagMark[];
  alert?: AlertLine;
}

/** What a live update adds to the shown session. */
export interface SessionAppend {
  key: string;
  /** New completions with the readings of the plotted emotions and the alert line's one, by name; others come on request (series). */
  completions: Array<CompletionPoint & { readings: Record<string, number> }>;
  testRuns: TestRunMark[];
  flags: FlagMark[];
  /** The session's complete list of failing loops (a loop grows while it lasts). */
  loops: LoopSpan[];
  alert?: AlertLine;
}

/** Readings of extra emotions for the completions the host has, by completion index. */
export interface SeriesResult {
  indices: number[];
  values: Record<string, number[]>;
}

/** One stretch of prose inside a sentence the model read on its own: `text.slice(start, end)`. */
export interface SentenceSpan {
  start: number;
  end: number;
  /** The sentence's reading of the emotion (z against neutral text of its length); null when it was too short to read alone. */
  z: number | null;
  /** True for the sentence(s) the completion's reading is pooled from (max or top-k pooling). */
  lead?: boolean;
}

/**
 * Which sentences of a completion its reading of one emotion comes from: lexical
 * attribution of the completion's reading, not an emotion per word. Code, tool output
 * and paths are never read and have no span.
 */
export interface SentenceAttribution {
  emotion: string;
  /** Prose spans in text order; a sentence cut by code appears as several spans with the same z. */
  spans: SentenceSpan[];
  /** The completion's reading of the emotion (what the timeline plots). */
  reading: number;
  /** How sentence readings became the completion's: 'mean' (all tokens), 'max' or 'top-K'. */
  pooling: string;
  /** |z| at which a span takes full colour. */
  scale: number;
}

export interface RunDetail {
  id: string;
  /** For a run reported in a user's turn: "reported in the conversation". */
  command: string;
  outcome: TestOutcome;
  /** Why it counts as a test run: its command, its output, or the conversation. */
  recognisedBy?: RecognisedBy;
  /** The same in a few words: "runs pytest", "output shows a pytest summary: 1 failed". */
  reason?: string;
  exitCode?: number;
  counts?: TestCounts;
  time?: string;
  /** The start and end of the output, cut to a few KB. */
  excerpt: string;
}

/** Evidence that a completion's loop or edits game the tests, in lines a developer can check. */
/** What an evidence item is about: a flag's reason, or the long-loop notice (which flags nothing). */
export type EvidenceKind = FlagReason | 'long-loop';

export interface EvidenceItem {
  kind: EvidenceKind;
  message: string;
  /** Label/value pairs: failing streak, baseline, level, trend, the edited file ... */
  facts: Array<[string, string]>;
  /** The event to open in the transcript, when there is one. */
  eventId?: string;
}

/** What the inspector shows for one completion. */
export interface CompletionDetail {
  key: string;
  index: number;
  id: string;
  time?: string;
  model?: string;
  /** The completion's prose. Always inserted as text, never as HTML. */
  text: string;
  /** The ten highest readings, highest first. */
  top: Array<[string, number]>;
  /** Why the completion was not read (see CompletionPoint.unreadable); then `top` is empty and `attribution` absent, as their numbers mean nothing. */
  unreadable?: string;
  /** The sentence attribution of the emotion asked for (built from stored readings: no model run). */
  attribution?: SentenceAttribution;
  /** The test runs just before and just after the completion (at most TEST_RUNS_AROUND each). */
  runsBefore: RunDetail[];
  runsAfter: RunDetail[];
  evidence: EvidenceItem[];
}

export const TEST_RUNS_AROUND = 2;

export interface TimelineSnapshot {
  /** A line for the user about the state of things (no session, model loading, ...). */
  status: string;
  catalog: EmotionCatalog;
  sessions: SessionListItem[];
  /** The session shown first (the restored one, else the host's choice), or null. */
  view: SessionView | null;
}

// ---------------------------------------------------------------------------------------
// The view state the webview keeps with setState and hands back in `ready`

export interface ViewState {
  /** Session shown. */
  key?: string;
  /** Emotions plotted, in order. */
  emotions?: string[];
  /** Completion open in the inspector. */
  selected?: number;
  /** Emotion of the inspector's sentence shading. */
  heatEmotion?: string;
}

// ---------------------------------------------------------------------------------------
// Messages

/** Requests the webview may make: name -> [params, result]. */
export interface WebviewRequests {
  /** Show another session; the host also plots these emotions for its later appends. */
  selectSession: [{ key: string; emotions: string[] }, SessionView | null];
  /** Readings of emotions added to the plot; the host includes them in later views. */
  series: [{ key: string; emotions: string[] }, SeriesResult | null];
  completion: [{ key: string; index: number; emotion: string }, CompletionDetail | null];
  /** The inspector's sentence attribution of another emotion (no model run). */
  sentences: [{ key: string; index: number; emotion: string }, SentenceAttribution | null];
  /** Open the transcript at the event's line. The host looks the path up itself. */
  openSource: [{ key: string; eventId: string }, boolean];
  /** Put the completion's readings, text and evidence on the clipboard as JSON. */
  copyJson: [{ key: string; index: number }, boolean];
  exportReadings: [{ key: string; format: 'csv' | 'json' }, boolean];
  openLog: [Record<string, never>, null];
}

/** One-way notifications from the host after the snapshot: name -> payload. */
export interface HostNotifications {
  status: { status: string };
  sessions: { sessions: SessionListItem[] };
  append: SessionAppend;
  /** Replaces the shown session whole. */
  view: SessionView;
  /** Show this session and, with an index, that completion in the inspector (a click in the Flagged view). */
  reveal: { key: string; index?: number };
}

export type RequestName = keyof WebviewRequests;
export type RequestParams<K extends RequestName> = WebviewRequests[K][0];
export type RequestResult<K extends RequestName> = WebviewRequests[K][1];
export type NotificationName = keyof HostNotifications;

export type WebviewRequest = {
  [K in RequestName]: { kind: 'request'; id: number; method: K; params: RequestParams<K> };
}[RequestName];

export type WebviewToHost = { kind: 'ready'; protocolVersion: number; restore?: ViewState } | WebviewRequest;

export type HostNotification = {
  [K in NotificationName]: { kind: 'notify'; name: K; payload: HostNotifications[K] };
}[NotificationName];

export type HostResponse =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: string };

export type HostToWebview =
  | { kind: 'snapshot'; protocolVersion: number; snapshot: TimelineSnapshot }
  | HostNotification
  | HostResponse;

// ---------------------------------------------------------------------------------------
// Host-side validation

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

function index(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

function names(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_EMOTIONS) return undefined;
  const out: string[] = [];
  for (const v of value) {
    const s = str(v, MAX_NAME);
    if (s === undefined) return undefined;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** Each method's params check: a clean copy of the params, or undefined to drop the message. */
const PARAMS: { [K in RequestName]: (p: Fields) => RequestParams<K> | undefined } = {
  selectSession: (p) => {
    const key = str(p.key, MAX_KEY);
    const emotions = names(p.emotions);
    return key !== undefined && emotions !== undefined ? { key, emotions } : undefined;
  },
  series: (p) => {
    const key = str(p.key, MAX_KEY);
    const emotions = names(p.emotions);
    return key !== undefined && emotions !== undefined && emotions.length > 0 ? { key, emotions } : undefined;
  },
  completion: (p) => keyIndexEmotion(p),
  sentences: (p) => keyIndexEmotion(p),
  openSource: (p) => {
    const key = str(p.key, MAX_KEY);
    const eventId = str(p.eventId, MAX_KEY);
    return key !== undefined && eventId !== undefined ? { key, eventId } : undefined;
  },
  copyJson: (p) => {
    const key = str(p.key, MAX_KEY);
    const i = index(p.index);
    return key !== undefined && i !== undefined ? { key, index: i } : undefined;
  },
  exportReadings: (p) => {
    const key = str(p.key, MAX_KEY);
    return key !== undefined && (p.format === 'csv' || p.format === 'json') ? { key, format: p.format } : undefined;
  },
  openLog: () => ({}),
};

function keyIndexEmotion(p: Fields): { key: string; index: number; emotion: string } | undefined {
  const key = str(p.key, MAX_KEY);
  const i = index(p.index);
  const emotion = str(p.emotion, MAX_NAME);
  return key !== undefined && i !== undefined && emotion !== undefined ? { key, index: i, emotion } : undefined;
}

function isRequestName(value: unknown): value is RequestName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PARAMS, value);
}

function request<K extends RequestName>(id: number, method: K, raw: Fields): WebviewRequest | undefined {
  const params = PARAMS[method](raw);
  return params === undefined ? undefined : ({ kind: 'request', id, method, params } as WebviewRequest);
}

/**
 * Host-side validation of anything posted by the webview. Returns a clean copy
 * (unknown fields dropped), or undefined, meaning "drop it".
 */
export function parseWebviewMessage(message: unknown): WebviewToHost | undefined {
  if (!isObject(message)) return undefined;
  if (message.kind === 'ready' && typeof message.protocolVersion === 'number') {
    const restore = message.restore === undefined ? undefined : parseViewState(message.restore);
    return restore ? { kind: 'ready', protocolVersion: message.protocolVersion, restore } : { kind: 'ready', protocolVersion: message.protocolVersion };
  }
  if (message.kind !== 'request' || !isRequestName(message.method) || !isObject(message.params)) return undefined;
  const id = index(message.id);
  return id === undefined ? undefined : request(id, message.method, message.params);
}

/** Validates a view state (from `ready` or from a WebviewPanelSerializer); bad fields are dropped. */
export function parseViewState(state: unknown): ViewState | undefined {
  if (!isObject(state)) return undefined;
  const out: ViewState = {};
  const key = str(state.key, MAX_KEY);
  if (key !== undefined) out.key = key;
  const emotions = names(state.emotions);
  if (emotions !== undefined && emotions.length > 0) out.emotions = emotions;
  const selected = index(state.selected);
  if (selected !== undefined) out.selected = selected;
  const heatEmotion = str(state.heatEmotion, MAX_NAME);
  if (heatEmotion !== undefined) out.heatEmotion = heatEmotion;
  return out;
}

/** Webview-side check of the envelope of a host message (the host is trusted for the payload shapes). */
export function isHostMessage(message: unknown): message is HostToWebview {
  if (!isObject(message)) return false;
  switch (message.kind) {
    case 'snapshot':
      return typeof message.protocolVersion === 'number' && isObject(message.snapshot);
    case 'notify':
      return typeof message.name === 'string' && isObject(message.payload);
    case 'response':
      return index(message.id) !== undefined && typeof message.ok === 'boolean';
    default:
      return false;
  }
}
