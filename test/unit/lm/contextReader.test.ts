import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEncoder } from '../../../src/core/lm/chat';
import { ContextReader, type AssistantReading } from '../../../src/core/lm/contextReader';
import { LmRunner } from '../../../src/core/lm/runner';
import type { ChatMessage } from '../../../src/core/lm/types';
import { byMessage, CONVERSATION, makeTinyLm, maxAbsDiff, type TinyLm } from './lmFixture';

/** The largest difference between two sets of readings of the same messages (tokens must match). */
function compare(a: AssistantReading[], b: AssistantReading[]): number {
  const left = byMessage(a);
  const right = byMessage(b);
  assert.deepEqual([...left.keys()].sort(), [...right.keys()].sort());
  let diff = 0;
  for (const [i, r] of left) {
    const other = right.get(i) as AssistantReading;
    assert.deepEqual(r.tokens, other.tokens, `tokens of message ${i}`);
    assert.equal(r.truncated, other.truncated);
    diff = Math.max(diff, maxAbsDiff(r.rows, other.rows));
  }
  return diff;
}

/** Reads a conversation message by message; every reading returned along the way. */
async function readIncrementally(reader: ContextReader, messages: ChatMessage[]): Promise<AssistantReading[]> {
  const all: AssistantReading[] = [];
  for (let n = 1; n <= messages.length; n++) all.push(...(await reader.read(messages.slice(0, n))));
  return all;
}

/** A longer session: the conversation three times over, with the rounds numbered. */
const LONG: ChatMessage[] = [0, 1, 2].flatMap((round) =>
  CONVERSATION.map((m) => ({ role: m.role, content: `${m.content} (round ${round + 1})` })),
);

describe('ContextReader on the tiny LM', () => {
  let lm: TinyLm;
  let runner: LmRunner;
  let encoder: ChatEncoder;
  const reader = (options = {}): ContextReader => new ContextReader(runner, encoder, options);

  before(async () => {
    lm = await makeTinyLm();
    runner = await LmRunner.create(lm.prepared, { threads: 1 });
    encoder = new ChatEncoder(lm.prepared.folder);
  });
  after(async () => {
    await runner.release();
    lm.cleanup();
  });

  test('reading message by message equals reading the whole conversation at once', async () => {
    const incremental = await readIncrementally(reader(), CONVERSATION);
    const whole = await reader().read(CONVERSATION);
    assert.deepEqual(
      whole.map((r) => r.messageIndex),
      [1, 3, 5, 7],
    );
    const diff = compare(incremental, whole);
    console.log(`# incremental vs all at once: max abs diff ${diff.toExponential(2)} over ${whole.length} assistant messages`);
    assert.ok(diff <= 1e-4, `max abs diff ${diff}`);
    // A control: the same message read without the earlier turns reads differently.
    const [alone] = await reader().read(CONVERSATION.slice(2, 4));
    const inContext = whole.find((r) => r.messageIndex === 3) as AssistantReading;
    assert.deepEqual(alone?.tokens, inContext.tokens);
    const contextEffect = maxAbsDiff(alone!.rows, inContext.rows);
    console.log(`# message 3 read without its context differs by up to ${contextEffect.toFixed(3)}`);
    assert.ok(contextEffect > 1e-2);
    for (const r of whole) {
      assert.equal(r.rows.length, r.tokens.length * runner.hidden);
      assert.ok(r.rows.every(Number.isFinite));
      assert.equal(r.truncated, false);
      const content = (CONVERSATION[r.messageIndex] as ChatMessage).content;
      assert.equal(r.tokens[r.tokens.length - 1]?.end, content.length);
    }
  });

  test('a new message costs only its own tokens and the template wrapper around it', async () => {
    const r = reader();
    let previousIds = 0;
    for (let n = 1; n <= CONVERSATION.length; n++) {
      const before = r.stats().fedTokens;
      const readings = await r.read(CONVERSATION.slice(0, n));
      const fed = r.stats().fedTokens - before;
      const ids = encoder.encode(CONVERSATION.slice(0, n)).ids.length;
      assert.equal(fed, ids - previousIds, `message ${n - 1} fed exactly the new tokens`);
      const message = CONVERSATION[n - 1] as ChatMessage;
      if (message.role === 'assistant') {
        const [reading] = readings;
        assert.ok(reading);
        const wrapper = fed - reading.tokens.length;
        console.log(`# assistant message ${n - 1}: ${reading.tokens.length} tokens, fed ${fed} (wrapper ${wrapper})`);
        assert.ok(wrapper > 0 && wrapper <= 10, `wrapper of ${wrapper} tokens`);
      } else assert.deepEqual(readings, []);
      previousIds = ids;
      assert.equal(r.stats().cachedTokens, ids);
    }
    assert.deepEqual(await r.read(CONVERSATION), [], 'nothing new: nothing returned');
    assert.equal(r.stats().fedTokens, previousIds, 'and nothing fed');
  });

  test('a conversation that changes in an earlier message is recomputed from the change only', async () => {
    const r = reader();
    await r.read(CONVERSATION);
    const changed = CONVERSATION.map((m, i) => (i === 4 ? { ...m, content: 'Now four tests fail, and the build is slow.' } : m));
    const oldIds = encoder.encode(CONVERSATION).ids;
    const newIds = encoder.encode(changed).ids;
    let shared = 0;
    while (oldIds[shared] === newIds[shared]) shared++;
    const before = r.stats().fedTokens;
    const readings = await r.read(changed);
    assert.equal(r.stats().fedTokens - before, newIds.length - shared);
    assert.deepEqual(
      readings.map((x) => x.messageIndex),
      [5, 7],
      'only the assistant messages after the change',
    );
    const fresh = (await reader().read(changed)).filter((x) => x.messageIndex >= 5);
    assert.ok(compare(readings, fresh) <= 1e-4);
  });

  test('a different, shorter conversation under the same reader is read from where it differs', async () => {
    const r = reader();
    await r.read(CONVERSATION);
    const other: ChatMessage[] = [CONVERSATION[0] as ChatMessage, { role: 'assistant', content: 'Which parser module?' }];
    const readings = await r.read(other);
    assert.ok(compare(readings, await reader().read(other)) <= 1e-4);
    assert.equal(r.stats().cachedTokens, encoder.encode(other).ids.length);
  });

  test('an empty assistant message gives a reading with no tokens', async () => {
    const readings = await reader().read([CONVERSATION[0] as ChatMessage, { role: 'assistant', content: '' }]);
    assert.equal(readings.length, 1);
    assert.equal(readings[0]?.tokens.length, 0);
    assert.equal(readings[0]?.rows.length, 0);
  });

  test('reads of one reader run one after the other', async () => {
    const r = reader();
    const [first, second] = await Promise.all([r.read(CONVERSATION.slice(0, 4)), r.read(CONVERSATION)]);
    assert.deepEqual(
      first.map((x) => x.messageIndex),
      [1, 3],
    );
    assert.deepEqual(
      second.map((x) => x.messageIndex),
      [5, 7],
    );
  });

  describe('a bounded window', () => {
    const WINDOW = 480;

    test('a session longer than the window keeps the cache bounded and re-prefills once per half window', async () => {
      const r = reader({ maxContextTokens: WINDOW, chunkTokens: 32 });
      const all: AssistantReading[] = [];
      for (let n = 1; n <= LONG.length; n++) {
        all.push(...(await r.read(LONG.slice(0, n))));
        assert.ok(r.stats().cachedTokens <= WINDOW, `cache ${r.stats().cachedTokens} after ${n} messages`);
      }
      const total = encoder.encode(LONG).ids.length;
      const { fedTokens, reprefills } = r.stats();
      console.log(`# window ${WINDOW}: ${LONG.length} messages, ${total} tokens in one window, fed ${fedTokens}, ${reprefills} re-prefills`);
      assert.deepEqual(
        all.map((x) => x.messageIndex),
        LONG.flatMap((m, i) => (m.role === 'assistant' ? [i] : [])),
        'every assistant message read once, in order',
      );
      for (const x of all) {
        assert.ok(x.rows.every(Number.isFinite));
        assert.equal(x.rows.length, x.tokens.length * runner.hidden);
        assert.equal(x.truncated, false);
      }
      // Between two re-prefills at least half a window, less one message, of new text arrives.
      const largest = Math.max(...LONG.map((m) => encoder.encode([m]).ids.length - encoder.encode([]).ids.length));
      assert.ok(reprefills >= 2 && reprefills <= Math.ceil(total / (WINDOW / 2 - largest)), `${reprefills} re-prefills`);
      // Each re-prefill feeds at most half a window again.
      assert.ok(fedTokens <= total + reprefills * (WINDOW / 2), `fed ${fedTokens}`);
      const atOnce = reader({ maxContextTokens: WINDOW, chunkTokens: 32 });
      const diff = compare(all, await atOnce.read(LONG));
      console.log(`# window ${WINDOW}, incremental vs all at once: max abs diff ${diff.toExponential(2)}`);
      assert.ok(diff <= 1e-4, `${diff}`);
      assert.equal(atOnce.stats().reprefills, reprefills);
    });

    test('a change before the window is read as a fresh reader would read the changed session', async () => {
      const r = reader({ maxContextTokens: WINDOW });
      await r.read(LONG);
      assert.ok(r.stats().reprefills > 0);
      const changed = LONG.map((m, i) => (i === 2 ? { ...m, content: 'Still failing, and now the linter complains too.' } : m));
      const readings = await r.read(changed);
      const fresh = (await reader({ maxContextTokens: WINDOW }).read(changed)).filter((x) => x.messageIndex > 2);
      assert.ok(compare(readings, fresh) <= 1e-4);
    });

    test('a leading system message stays in every window', async () => {
      const system: ChatMessage = { role: 'system', content: 'You are a careful coding assistant. Never skip tests.' };
      const extra: ChatMessage = { role: 'assistant', content: 'One more note: the snapshots are current.' };
      const r = reader({ maxContextTokens: WINDOW });
      await r.read([system, ...LONG]);
      assert.ok(r.stats().reprefills > 0);
      const before = r.stats().fedTokens;
      const [reading] = await r.read([system, ...LONG, extra]);
      assert.ok(reading);
      assert.ok(r.stats().fedTokens - before < WINDOW / 2, 'the new message is appended to the kept window');
      // The cache holds the system turn plus the most recent whole messages: find which.
      const cached = r.stats().cachedTokens;
      const from = LONG.findIndex((_, k) => encoder.encode([system, ...LONG.slice(k), extra]).ids.length === cached);
      assert.ok(from > 0, 'the window is the system turn followed by the latest messages');
      const fresh = await reader().read([system, ...LONG.slice(from), extra]);
      const last = fresh[fresh.length - 1] as AssistantReading;
      assert.ok(maxAbsDiff(last.rows, reading.rows) <= 1e-4);
    });

    test('an assistant message longer than the window is read in its last part', async () => {
      const long = Array.from({ length: 12 }, (_, i) => `Step ${i + 1}: rerun the parser tests and compare the snapshots.`).join(' ');
      const messages: ChatMessage[] = [CONVERSATION[0] as ChatMessage, { role: 'assistant', content: long }];
      const r = reader({ maxContextTokens: 64 });
      const [reading] = await r.read(messages);
      assert.ok(reading);
      assert.equal(reading.truncated, true);
      assert.ok(reading.tokens.length > 0 && reading.tokens.length <= 64);
      assert.equal(reading.tokens[reading.tokens.length - 1]?.end, long.length, 'the end of the message is read');
      assert.ok(reading.tokens[0]!.start > 0, 'its beginning is not');
      assert.equal(reading.rows.length, reading.tokens.length * runner.hidden);
      assert.ok(reading.rows.every(Number.isFinite));
      assert.ok(r.stats().cachedTokens <= 64);
    });

    test('the window never exceeds the positions the model was trained on', () => {
      const capped = new ContextReader({ ...runner, hidden: runner.hidden, kvShape: runner.kvShape, maxPositions: 100, run: runner.run.bind(runner) }, encoder, {
        maxContextTokens: 4096,
      });
      assert.equal(capped.maxContextTokens, 100);
      assert.equal(reader().maxContextTokens, 4096);
    });
  });

  describe('cancellation', () => {
    test('an aborted read rejects with AbortError and the next read returns everything, as if never interrupted', async () => {
      const r = reader({ chunkTokens: 16 });
      const controller = new AbortController();
      const pending = r.read(CONVERSATION, controller.signal);
      setImmediate(() => controller.abort());
      await assert.rejects(pending, { name: 'AbortError' });
      const { fedTokens, cachedTokens } = r.stats();
      const total = encoder.encode(CONVERSATION).ids.length;
      assert.ok(fedTokens > 0 && fedTokens < total, `stopped between chunks (fed ${fedTokens} of ${total})`);
      assert.equal(cachedTokens, fedTokens, 'the cache holds exactly what was fed');
      const readings = await r.read(CONVERSATION);
      assert.ok(compare(readings, await reader().read(CONVERSATION)) <= 1e-4);
    });

    test('a read of a long session cancelled after several window moves loses nothing', async () => {
      const controller = new AbortController();
      let runs = 0;
      // The real runner, cancelling the read from inside its 35th model run.
      const counting = {
        hidden: runner.hidden,
        kvShape: runner.kvShape,
        maxPositions: runner.maxPositions,
        run: (ids: ReadonlyArray<number>, past?: Parameters<LmRunner['run']>[1]) => {
          if (++runs === 35) controller.abort();
          return runner.run(ids, past);
        },
      };
      const options = { maxContextTokens: 480, chunkTokens: 32 };
      const r = new ContextReader(counting, encoder, options);
      await assert.rejects(r.read(LONG, controller.signal), { name: 'AbortError' });
      assert.ok(r.stats().reprefills > 0, 'the window had moved before the cancel');
      const rest = await r.read(LONG);
      const fresh = await reader(options).read(LONG);
      assert.ok(compare(rest, fresh) <= 1e-4);
      assert.equal(rest.length, LONG.filter((m) => m.role === 'assistant').length, 'every assistant message, once');
    });

    test('an already aborted signal feeds nothing', async () => {
      const r = reader();
      await assert.rejects(r.read(CONVERSATION, AbortSignal.abort()), { name: 'AbortError' });
      assert.equal(r.stats().fedTokens, 0);
    });
  });
});
