/** The flag store at its edges: files written by this format's version, entries that are not flags, dismissing twice. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagStore } from '../../../src/core/monitor/flagStore';

const stored = (completionIndex: number) => ({ sessionKey: 's#1', sessionTitle: 'one', completionIndex, reason: 'desperation', message: 'm', raised: '2026-01-01T00:00:00.000Z', dismissed: false });

test('a flags file written in format version 1 (what this release writes) loads its flags', () => {
  const { store, problem } = FlagStore.parse(JSON.stringify({ version: 1, flags: [stored(3)] }));
  assert.equal(problem, undefined);
  assert.deepEqual(store.active().map((f) => f.completionIndex), [3]);
  assert.equal(JSON.parse(store.serialize()).version, 1, 'and writes the same version back');
});

test('entries that are not flags are dropped on load, the good ones kept', () => {
  const noIndex = { ...stored(4), completionIndex: 'four' };
  const noSession = { ...stored(5), sessionKey: undefined };
  const noReason = { ...stored(6), reason: 7 };
  const { store } = FlagStore.parse(JSON.stringify({ version: 1, flags: [noIndex, stored(3), noSession, noReason, null] }));
  assert.deepEqual(store.active().map((f) => f.completionIndex), [3]);
});

test('dismissing says whether anything changed: an unknown flag or a second dismissal changes nothing', () => {
  const store = new FlagStore();
  const [flag] = store.add('s#1', 'one', [{ completionIndex: 2, reason: 'desperation', message: 'm' }]);
  assert.equal(store.dismiss('no such flag'), false);
  assert.equal(store.dismiss(FlagStore.id(flag)), true);
  assert.equal(store.dismiss(FlagStore.id(flag)), false);
  assert.deepEqual(store.active(), []);
});
