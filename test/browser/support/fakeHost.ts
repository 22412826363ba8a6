/**
 * A typed fake of the extension host for the browser tests: it receives what the
 * webview posts through `acquireVsCodeApi().postMessage`, validates every message with
 * the real host-side validator (parseWebviewMessage), answers requests from
 * FakeSessions the way TimelinePanel does, and posts protocol messages into the page
 * the way VS Code delivers them (a `message` event on window).
 */
import type { Page } from 'playwright-core';
import type {
  EmotionCatalog,
  HostToWebview,
  RequestName,
  RequestParams,
  RequestResult,
  ViewState,
  WebviewRequest,
  WebviewToHost,
} from '../../../src/shared/protocol';
import { PROTOCOL_VERSION, parseWebviewMessage } from '../../../src/shared/protocol';
import { type FakeSession, catalog as makeCatalog } from './fixtures';

type Handlers = { [K in RequestName]: (params: RequestParams<K>) => RequestResult<K> };

export interface FakeHostOptions {
  status?: string;
  /** Shown when the webview restores no session. */
  defaultKey?: string;
  catalog?: EmotionCatalog;
}

export class FakeHost {
  readonly catalog: EmotionCatalog;
  readonly sessions = new Map<string, FakeSession>();
  /** Every message that passed validation, in order. */
  readonly received: WebviewToHost[] = [];
  /** Messages the host-side validator rejected: the app should never send one. */
  readonly invalid: unknown[] = [];
  readonly states: ViewState[] = [];
  shown: { key?: string; emotions: string[] } = { emotions: [] };
  private page: Page | undefined;
  private waiters: Array<{ test: (m: WebviewToHost) => boolean; resolve: (m: WebviewToHost) => void }> = [];

  constructor(
    sessions: FakeSession[],
    private readonly options: FakeHostOptions = {},
  ) {
    this.catalog = options.catalog ?? makeCatalog();
    for (const s of sessions) this.sessions.set(s.key, s);
  }

  /** Wires the page's fake acquireVsCodeApi to this host (before the page loads). */
  async attach(page: Page): Promise<void> {
    this.page = page;
    await page.exposeBinding('__emotionLensToHost', (_source, raw: unknown) => this.receive(raw));
    await page.exposeBinding('__emotionLensState', (_source, state: ViewState) => void this.states.push(state));
  }

  /** Posts a message into the webview as VS Code would. */
  async send(message: HostToWebview): Promise<void> {
    await this.page?.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Resolves with the first message at position `since` or later (received already or to come) that passes `test`. */
  next(test: (m: WebviewToHost) => boolean, since = 0, timeoutMs = 5000): Promise<WebviewToHost> {
    const seen = this.received.slice(since).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake host: timed out waiting for a message')), timeoutMs);
      this.waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** The next request of this method from now on. */
  nextRequest<K extends RequestName>(method: K, since = this.received.length): Promise<Extract<WebviewRequest, { method: K }>> {
    return this.next((m) => m.kind === 'request' && m.method === method, since) as Promise<Extract<WebviewRequest, { method: K }>>;
  }

  requestsOf<K extends RequestName>(method: K): Array<Extract<WebviewRequest, { method: K }>> {
    return this.received.filter((m): m is Extract<WebviewRequest, { method: K }> => m.kind === 'request' && m.method === method);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.invalid.push(raw);
      return;
    }
    this.received.push(message);
    for (const w of [...this.waiters]) {
      if (w.test(message)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
    if (message.kind === 'ready') void this.snapshot(message.restore);
    else void this.answer(message);
  }

  private async snapshot(restore: ViewState | undefined): Promise<void> {
    const emotions = restore?.emotions ?? this.catalog.defaults;
    const key = restore?.key ?? this.options.defaultKey;
    const session = key ? this.sessions.get(key) : undefined;
    const view = session ? session.builder.view(emotions) : null;
    this.shown = { key: view?.key, emotions };
    await this.send({
      kind: 'snapshot',
      protocolVersion: PROTOCOL_VERSION,
      snapshot: { status: this.options.status ?? 'Reading 2 sessions. Nothing leaves this machine.', catalog: this.catalog, sessions: [...this.sessions.values()].map((s) => s.listItem()), view },
    });
  }

  /** Appends what a session gained since the last view or append (as the host does live). */
  async flush(session: FakeSession): Promise<void> {
    const append = session.builder.takeAppend(this.shown.emotions);
    if (append && append.key === this.shown.key) await this.send({ kind: 'notify', name: 'append', payload: append });
  }

  private readonly handlers: Handlers = {
    selectSession: ({ key, emotions }) => {
      const view = this.sessions.get(key)?.builder.view(emotions) ?? null;
      if (view) this.shown = { key, emotions };
      return view;
    },
    series: ({ key, emotions }) => {
      if (key === this.shown.key) this.shown.emotions = [...new Set([...this.shown.emotions, ...emotions])];
      return this.sessions.get(key)?.builder.series(emotions) ?? null;
    },
    completion: ({ key, index, emotion }) => this.sessions.get(key)?.detail(index, emotion) ?? null,
    sentences: ({ key, index, emotion }) => this.sessions.get(key)?.sentences(index, emotion) ?? null,
    openSource: ({ key, eventId }) => Boolean(this.sessions.get(key)?.session.events.some((e) => e.id === eventId)),
    copyJson: ({ key, index }) => Boolean(this.sessions.get(key)?.json(index)),
    exportReadings: ({ key }) => this.sessions.has(key),
    openLog: () => null,
  };

  private async answer(request: WebviewRequest): Promise<void> {
    const handler = this.handlers[request.method] as (p: unknown) => unknown;
    await this.send({ kind: 'response', id: request.id, ok: true, result: handler(request.params) ?? null });
  }
}
