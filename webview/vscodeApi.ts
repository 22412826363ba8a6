/**
 * The only door from the webview to the host. Everything else in the app talks to
 * a `HostConnection`, so tests can hand the app a typed fake host.
 */
import type { HostToWebview, ViewState, WebviewToHost } from '../src/shared/protocol';
import { isHostMessage } from '../src/shared/protocol';

export interface HostConnection {
  post(message: WebviewToHost): void;
  onMessage(listener: (message: HostToWebview) => void): void;
  /** The state saved with setState before the webview was last torn down, if any. */
  getState(): unknown;
  setState(state: ViewState): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function connectToVsCode(): HostConnection {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (listener) =>
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        // Only well-formed protocol envelopes get through; anything else is dropped.
        if (isHostMessage(event.data)) listener(event.data);
      }),
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
