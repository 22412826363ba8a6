/**
 * The only door from the webview to the host. Everything else in the app talks to
 * a `HostConnection`, so tests can hand the app a typed fake host.
 */
import type { HostToWebview, WebviewToHost } from '../src/shared/protocol';

export interface HostConnection {
  post(message: WebviewToHost): void;
  onMessage(listener: (message: HostToWebview) => void): void;
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
      window.addEventListener('message', (event: MessageEvent<HostToWebview>) => listener(event.data)),
  };
}
