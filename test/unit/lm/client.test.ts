import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatEncoder } from '../../../src/core/lm/chat';
import { LmClient } from '../../../src/core/lm/client';
import { ContextReader, type AssistantReading } from '../../../src/core/lm/contextReader';
import { LmRunner } from '../../../src/core/lm/runner';
import type { ChatMessage } from '../../../src/core/lm/types';
import { byMessage, CONVERSATION, LM_WORKER_PATH, makeTinyLm, maxAbsDiff, type TinyLm } from './lmFixture';

/** Max abs difference between readings of the same messages. */
function compare(a: AssistantReading[], b: AssistantReading[]): number {
  const right = byMessage(b);
  assert.deepEqual(
    a.map((r) => r.messageIndex),
    [...right.keys()],
  );
  let diff = 0;
  for (const r of a) {
    const other = right.get(r.messageIndex) as AssistantReading;
    assert.deepEqual(r.tokens, other.tokens);
    diff = Math.max(diff, maxAbsDiff(r.rows, other.rows));
  }
  return diff;
}

/** A long session: the conversation many times over. */
function longSession(rounds: number): ChatMessage[] {
  return Array.from({ length: rounds }, (_, round) =>
    CONVERSATION.map((m) => ({ role: m.role, content: `${m.content} (round ${round + 1})` })),
  ).flat();
}

describe('LmClient: the model in a worker thread', () => {
  let lm: TinyLm;
  let client: LmClient;
  let reference: AssistantReading[];

  before(async () => {
    lm = await makeTinyLm();
    client = await LmClient.open(lm.prepared, { workerPath: LM_WORKER_PATH, threads: 1, maxSessions: 2 });
    const runner = await LmRunner.create(lm.prepared, { threads: 1 });
    reference = await new ContextReader(runner, new ChatEncoder(lm.prepared.folder)).read(CONVERSATION);
    await runner.release();
  });
  after(async () => {
    await client.dispose();
    lm.cleanup();
  });

  test('reports what it loaded', () => {
    assert.equal(client.info.hidden, lm.prepared.folder.architecture.hiddenSize);
    assert.equal(client.info.kvBytesPerToken, lm.prepared.kvLayers * 2 * 2 * 16 * 4);
    assert.equal(client.info.maxContextTokens, 4096);
    assert.equal(client.info.maxSessions, 2);
  });

  test('reads a session message by message exactly as the reader does in process', async () => {
    const readings: AssistantReading[] = [];
    for (let n = 1; n <= CONVERSATION.length; n++) readings.push(...(await client.read('one', CONVERSATION.slice(0, n))));
    assert.ok(readings.every((r) => r.rows instanceof Float32Array));
    const diff = compare(readings, reference);
    console.log(`# worker, incremental vs in-process all at once: max abs diff ${diff.toExponential(2)}`);
    assert.ok(diff <= 1e-4);
    const stats = await client.stats('one');
    const ids = new ChatEncoder(lm.prepared.folder).encode(CONVERSATION).ids.length;
    assert.deepEqual(stats, { fedTokens: ids, cachedTokens: ids, reprefills: 0, cacheBytes: ids * client.info.kvBytesPerToken });
  });

  test('forgetting a session drops its cache: the next read starts over', async () => {
    await client.read('two', CONVERSATION);
    client.forget('two');
    assert.equal(await client.stats('two'), undefined);
    assert.ok(compare(await client.read('two', CONVERSATION), reference) <= 1e-4);
  });

  test('only the most recently read sessions keep their caches', async () => {
    await client.read('a', CONVERSATION.slice(0, 2));
    await client.read('b', CONVERSATION.slice(0, 2));
    await client.read('c', CONVERSATION.slice(0, 2));
    assert.equal(await client.stats('a'), undefined, 'the least recently read session was dropped');
    assert.ok(await client.stats('b'));
    assert.ok(await client.stats('c'));
  });

  test('a cancelled read rejects at once; the session then reads on consistently', async () => {
    const session = longSession(4);
    const total = new ChatEncoder(lm.prepared.folder).encode(session).ids.length;
    const controller = new AbortController();
    const pending = client.read('cancel', session, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, { name: 'AbortError' });
    const stopped = await client.stats('cancel');
    assert.ok(stopped && stopped.fedTokens < total, `the worker stopped early (${stopped?.fedTokens} of ${total} tokens)`);
    const readings = await client.read('cancel', session);
    const fresh = await client.read('cancel-fresh', session);
    assert.equal(readings.length, session.filter((m) => m.role === 'assistant').length);
    assert.ok(compare(readings, fresh) <= 1e-4);
    await assert.rejects(client.read('cancel', session, AbortSignal.abort()), { name: 'AbortError' });
  });

  test("a long read never blocks the caller's thread", async () => {
    const session = longSession(12);
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    const readings = await client.read('long', session);
    const took = performance.now() - started;
    clearInterval(timer);
    const stats = await client.stats('long');
    console.log(
      `# worker read of ${stats?.fedTokens} tokens took ${took.toFixed(0)} ms ` +
        `(${((took / (stats?.fedTokens ?? 1)) * 1000).toFixed(0)} us/token); longest event-loop gap ${longestGap.toFixed(1)} ms`,
    );
    assert.equal(readings.length, 48);
    assert.ok(took > 150, 'the read was long enough to tell');
    assert.ok(longestGap < took / 3, `longest gap ${longestGap} ms of ${took} ms`);
  });
});

describe('LmClient failures', () => {
  let lm: TinyLm;
  before(async () => {
    lm = await makeTinyLm();
  });
  after(() => lm.cleanup());

  test('a model that cannot be loaded is a clear error from open()', async () => {
    await assert.rejects(
      LmClient.open({ ...lm.prepared, derivedPath: `${lm.prepared.derivedPath}.gone` }, { workerPath: LM_WORKER_PATH }),
      /cannot load the language model .*\.gone/,
    );
    await assert.rejects(
      LmClient.open({ ...lm.prepared, folder: { ...lm.prepared.folder, chatTemplate: '{% if %}' } }, { workerPath: LM_WORKER_PATH }),
      /chat template cannot be parsed/,
    );
  });

  test('after dispose every call fails with a clear error', async () => {
    const client = await LmClient.open(lm.prepared, { workerPath: LM_WORKER_PATH, threads: 1 });
    await client.dispose();
    await assert.rejects(client.read('s', CONVERSATION), /disposed/);
  });
});
