/**
 * The one message protocol between the extension host and the webview app.
 *
 * - The webview starts with a `ready` handshake carrying PROTOCOL_VERSION; the host
 *   posts nothing before it (a hidden or loading webview drops messages).
 * - The host then sends a complete `snapshot`; later changes are `notify` messages.
 * - Webview-to-host calls are `request`s with an id, answered by one `response`;
 *   the caller times them out.
 * Each side validates what it receives: messages cross a trust boundary.
 */
export const PROTOCOL_VERSION = 1;

/** What the panel shows; later issues widen it (sessions, readings, flags). */
export interface TimelineSnapshot {
  /** A line for the user about the state of things (no session, model loading, …). */
  status: string;
}

/** Requests the webview may make: name -> [params, result]. */
export interface WebviewRequests {
  openLog: [Record<string, never>, void];
}

/** One-way notifications from the host after the snapshot: name -> payload. */
export interface HostNotifications {
  status: { status: string };
}

export type RequestName = keyof WebviewRequests;

export type WebviewToHost =
  | { kind: 'ready'; protocolVersion: number }
  | { [K in RequestName]: { kind: 'request'; id: number; method: K; params: WebviewRequests[K][0] } }[RequestName];

export type HostToWebview =
  | { kind: 'snapshot'; protocolVersion: number; snapshot: TimelineSnapshot }
  | { [K in keyof HostNotifications]: { kind: 'notify'; name: K; payload: HostNotifications[K] } }[keyof HostNotifications]
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: string };

const REQUEST_NAMES: ReadonlySet<string> = new Set<RequestName>(['openLog']);

/** Host-side validation of anything posted by the webview; undefined means "drop it". */
export function parseWebviewMessage(message: unknown): WebviewToHost | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.kind === 'ready' && typeof m.protocolVersion === 'number') {
    return { kind: 'ready', protocolVersion: m.protocolVersion };
  }
  if (
    m.kind === 'request' &&
    Number.isSafeInteger(m.id) &&
    typeof m.method === 'string' &&
    REQUEST_NAMES.has(m.method) &&
    typeof m.params === 'object' &&
    m.params !== null
  ) {
    return { kind: 'request', id: m.id as number, method: m.method as RequestName, params: {} };
  }
  return undefined;
}
