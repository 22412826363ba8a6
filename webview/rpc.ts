/**
 * Requests from the webview to the host: each gets an id, is answered by one response
 * with the same id, and is rejected if none comes within the timeout.
 */
import type { HostResponse, RequestName, RequestParams, RequestResult } from '../src/shared/protocol';
import { REQUEST_TIMEOUT_MS } from '../src/shared/protocol';
import type { HostConnection } from './vscodeApi';

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class RequestTimeout extends Error {
  constructor(method: string, ms: number) {
    super(`the host did not answer '${method}' within ${Math.round(ms / 1000)} s`);
    this.name = 'RequestTimeout';
  }
}

export class HostRpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly host: HostConnection,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  request<K extends RequestName>(method: K, params: RequestParams<K>): Promise<RequestResult<K>> {
    const id = this.nextId++;
    return new Promise<RequestResult<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestTimeout(method, this.timeoutMs));
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      this.host.post({ kind: 'request', id, method, params } as Parameters<HostConnection['post']>[0]);
    });
  }

  /** Settles the request a response answers; a response to nothing pending is ignored. */
  settle(response: HostResponse): void {
    const p = this.pending.get(response.id);
    if (!p) return;
    this.pending.delete(response.id);
    clearTimeout(p.timer);
    if (response.ok) p.resolve(response.result);
    else p.reject(new Error(response.error));
  }

  get inFlight(): number {
    return this.pending.size;
  }
}
