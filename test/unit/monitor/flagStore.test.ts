import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlagStore } from '../../../src/core/monitor/flagStore';

const flag = (completionIndex: number, reason: 'desperation' | 'skip-marker-added' = 'desperation') => ({ completionIndex, reason, message: `m${completionIndex}` });

test('flags survive a round trip; the same completion and reason stays one flag', () => {
  const store = new FlagStore();
  assert.equal(store.add('s#1', 'session one', [flag(4)], new Date(1000)).length, 1);
  assert.equal(store.add('s#1', 'session one', [flag(4)], new Date(2000)).length, 0);
  assert.equal(store.add('s#1', 'session one', [flag(4, 'skip-marker-added'), flag(5)], new Date(3000)).length, 2);
  const back = FlagStore.parse(store.serialize());
  assert.equal(back.problem, undefined);
  assert.deepEqual(back.store.active(), store.active());
  // Newest first, then by completion, latest first.
  assert.deepEqual(store.active().map((f) => [f.completionIndex, f.reason]), [[5, 'desperation'], [4, 'skip-marker-added'], [4, 'desperation']]);
});

test('a dismissed flag stays dismissed, even when the monitor raises it again after a restart', () => {
  const store = new FlagStore();
  const [added] = store.add('s#1', 'one', [flag(2)]);
  assert.ok(store.dismiss(FlagStore.id(added)));
  const restarted = FlagStore.parse(store.serialize()).store;
  assert.deepEqual(restarted.add('s#1', 'one', [flag(2)]), []);
  assert.deepEqual(restarted.active(), []);
});

test('a corrupt or foreign store file starts afresh and says why', () => {
  assert.match(FlagStore.parse('{not json').problem ?? '', /not valid JSON/);
  assert.match(FlagStore.parse('{"version":9,"flags":[]}').problem ?? '', /unknown format/);
  assert.deepEqual(FlagStore.parse(undefined).store.active(), []);
});

test('desperation flags belong to the model whose readings raised them; tampering evidence to every model', () => {
  const store = new FlagStore();
  store.add('s#1', 'one', [flag(3), flag(4, 'skip-marker-added')], new Date(1000), 'embedded');
  assert.equal(store.add('s#1', 'one', [flag(3)], new Date(2000), 'local-lm').length, 1, 'the same completion flagged by another model is a flag of its own');
  const shown = (model: string) => store.active(model).map((f) => [f.completionIndex, f.reason, f.model ?? '-']);
  assert.deepEqual(shown('embedded'), [[4, 'skip-marker-added', '-'], [3, 'desperation', 'embedded']]);
  assert.deepEqual(shown('local-lm'), [[3, 'desperation', 'local-lm'], [4, 'skip-marker-added', '-']]);
  assert.deepEqual(FlagStore.parse(store.serialize()).store.forSession('s#1', 'local-lm').length, 2, 'kept across restarts');
});
