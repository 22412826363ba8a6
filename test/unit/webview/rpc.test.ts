import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostToWebview, WebviewToHost } from '../../../src/shared/protocol';
import { HostRpc, RequestTimeout } from '../../../webview/rpc';
import type { HostConnection } from '../../../webview/vscodeApi';

function connection(): HostConnection & { sent: WebviewToHost[] } {
  const sent: WebviewToHost[] = [];
  return { sent, post: (m) => void sent.push(m), onMessage: (_l: (m: HostToWebview) => void) => undefined, getState: () => undefined, setState: () => undefined };
}

test('each request gets its own id and is settled by the response with that id', async () => {
  const host = connection();
  const rpc = new HostRpc(host, 1000);
  const a = rpc.request('copyJson', { key: 'k', index: 1 });
  const b = rpc.request('openSource', { key: 'k', eventId: 'e' });
  const [ma, mb] = host.sent;
  assert.ok(ma.kind === 'request' && mb.kind === 'request' && ma.id !== mb.id);
  rpc.settle({ kind: 'response', id: mb.id, ok: false, error: 'no such event' });
  rpc.settle({ kind: 'response', id: ma.id, ok: true, result: true });
  rpc.settle({ kind: 'response', id: 999, ok: true, result: 'ignored' });
  assert.equal(await a, true);
  await assert.rejects(b, /no such event/);
  assert.equal(rpc.inFlight, 0);
});

test('a request nobody answers is rejected after the timeout', async () => {
  const rpc = new HostRpc(connection(), 20);
  const started = Date.now();
  await assert.rejects(rpc.request('openLog', {}), (e: unknown) => e instanceof RequestTimeout && /openLog/.test(e.message));
  assert.ok(Date.now() - started >= 15);
  assert.equal(rpc.inFlight, 0, 'and forgotten');
});
