import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AbortError, isAbortError } from '../../../src/core/abortError';
import { deserializeError, serializeError } from '../../../src/core/model/workerErrors';

test('a cancellation is recognised whoever raised it: the core, the platform, or a worker thread', () => {
  const ours = new AbortError('the read was cancelled');
  assert.equal(ours.name, 'AbortError');
  assert.equal(ours.message, 'the read was cancelled');
  assert.ok(isAbortError(ours));

  const controller = new AbortController();
  controller.abort();
  assert.ok(isAbortError(controller.signal.reason), 'an AbortSignal default reason');
  assert.ok(isAbortError(deserializeError(serializeError(ours))), 'rebuilt after crossing a worker thread');
});

test('other failures are not taken for a cancellation', () => {
  assert.equal(isAbortError(new Error('the model file is missing')), false);
  assert.equal(isAbortError(new DOMException('too slow', 'TimeoutError')), false);
  assert.equal(isAbortError({ name: 'AbortError' }), false, 'a plain object is no error');
  assert.equal(isAbortError(undefined), false);
});
