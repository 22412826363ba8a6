import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROTOCOL_VERSION, isHostMessage, parseViewState, parseWebviewMessage } from '../../../src/shared/protocol';

describe('host-side validation of webview messages', () => {
  test('a ready handshake keeps its version and a clean restored state', () => {
    assert.deepEqual(parseWebviewMessage({ kind: 'ready', protocolVersion: PROTOCOL_VERSION }), { kind: 'ready', protocolVersion: PROTOCOL_VERSION });
    assert.deepEqual(
      parseWebviewMessage({ kind: 'ready', protocolVersion: 2, restore: { key: 'k', emotions: ['calm', 'calm', 'hopeful'], selected: 3, heatEmotion: 'calm', extra: '<x>' } }),
      { kind: 'ready', protocolVersion: 2, restore: { key: 'k', emotions: ['calm', 'hopeful'], selected: 3, heatEmotion: 'calm' } },
    );
  });

  test('every request is checked field by field and copied without unknown fields', () => {
    assert.deepEqual(parseWebviewMessage({ kind: 'request', id: 7, method: 'completion', params: { key: 'k', index: 3, emotion: 'calm', evil: 1 } }), {
      kind: 'request',
      id: 7,
      method: 'completion',
      params: { key: 'k', index: 3, emotion: 'calm' },
    });
    assert.deepEqual(parseWebviewMessage({ kind: 'request', id: 8, method: 'sentences', params: { key: 'k', index: 3, emotion: 'calm', text: '<b>' } }), {
      kind: 'request',
      id: 8,
      method: 'sentences',
      params: { key: 'k', index: 3, emotion: 'calm' },
    });
    assert.deepEqual(parseWebviewMessage({ kind: 'request', id: 1, method: 'exportReadings', params: { key: 'k', format: 'csv' } })?.kind, 'request');
    assert.deepEqual(parseWebviewMessage({ kind: 'request', id: 1, method: 'openLog', params: {} }), { kind: 'request', id: 1, method: 'openLog', params: {} });
  });

  test('malformed messages are dropped', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { kind: 'ready' },
      { kind: 'request', id: 1, method: 'toString', params: {} },
      { kind: 'request', id: 1, method: 'constructor', params: {} },
      { kind: 'request', id: -1, method: 'openLog', params: {} },
      { kind: 'request', id: 1.5, method: 'openLog', params: {} },
      { kind: 'request', id: 1, method: 'openLog' },
      { kind: 'request', id: 1, method: 'completion', params: { key: 'k', index: -1, emotion: 'calm' } },
      { kind: 'request', id: 1, method: 'completion', params: { key: '', index: 1, emotion: 'calm' } },
      { kind: 'request', id: 1, method: 'completion', params: { key: 'k', index: 1, emotion: 'x'.repeat(65) } },
      { kind: 'request', id: 1, method: 'sentences', params: { key: 'k', index: 1.5, emotion: 'calm' } },
      { kind: 'request', id: 1, method: 'sentences', params: { key: 'k', index: 1 } },
      { kind: 'request', id: 1, method: 'tokens', params: { key: 'k', index: 1, emotion: 'calm' } },
      { kind: 'request', id: 1, method: 'openSource', params: { key: 'k', eventId: 'x'.repeat(5000) } },
      { kind: 'request', id: 1, method: 'series', params: { key: 'k', emotions: [] } },
      { kind: 'request', id: 1, method: 'series', params: { key: 'k', emotions: [1] } },
      { kind: 'request', id: 1, method: 'selectSession', params: { key: 'k', emotions: Array(172).fill('a') } },
      { kind: 'request', id: 1, method: 'exportReadings', params: { key: 'k', format: 'xml' } },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });

  test('a restored state keeps only well-formed fields', () => {
    assert.deepEqual(parseViewState({ key: 3, emotions: 'calm', selected: -2 }), {});
    assert.equal(parseViewState(null), undefined);
  });

  test('the webview accepts only protocol envelopes from the host', () => {
    assert.equal(isHostMessage({ kind: 'notify', name: 'status', payload: { status: 'x' } }), true);
    assert.equal(isHostMessage({ kind: 'response', id: 1, ok: true, result: null }), true);
    assert.equal(isHostMessage({ kind: 'notify', name: 'status' }), false);
    assert.equal(isHostMessage({ kind: 'snapshot', protocolVersion: 2 }), false);
    assert.equal(isHostMessage('snapshot'), false);
  });
});
