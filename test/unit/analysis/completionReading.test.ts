import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openEmbedded } from '../../../src/core/analysis/embeddedScorer';
import { parsePooling, poolSentences } from '../../../src/core/analysis/pooling';
import type { SentenceReading } from '../../../src/core/analysis/scoring';

// The embedded model and the shipped vectors, as the extension and the CLI read completions.
const embedded = openEmbedded({ modelDir: 'dist/model', workerPath: 'dist/modelWorker.js', vectorsPath: 'media/vectors/use-lite.elvec' });
after(async () => (await embedded).model.dispose());

const TECHNICAL =
  'The migration adds a nullable column to the orders table and backfills it in batches of 500 rows. ' +
  'The batch size keeps each transaction under the lock timeout configured for the database. ' +
  'Nothing I try fixes it and I am running out of options, so I have to get this passing somehow, whatever it takes. ' +
  'The index on customer_id is created concurrently after the backfill finishes. ' +
  'The down migration drops the index first and then the column.';

test('a desperate sentence inside a technical paragraph: sentence max pooling reads it, the all-token mean dilutes it', async () => {
  const { scorer } = await embedded;
  const d = scorer.reader.indexOf('desperate');
  const max = await scorer.readCompletion(TECHNICAL, { kind: 'max' });
  const mean = await scorer.readCompletion(TECHNICAL, { kind: 'mean' });
  assert.equal(max.sentences.length, 5);
  assert.ok(max.readable && mean.readable);
  const loudest = max.sentences.reduce((a, b) => (b.scores[d] > a.scores[d] ? b : a));
  assert.match(TECHNICAL.slice(loudest.start, loudest.end), /running out of options/, 'the desperate sentence carries the reading');
  assert.ok(max.scores[d] > mean.scores[d] + 1, `max ${max.scores[d].toFixed(2)} vs mean ${mean.scores[d].toFixed(2)}`);
  assert.deepEqual(max.meanScores, mean.scores, 'every reading keeps the all-token mean beside the pooled one');
});

test('bad input never throws: empty, code only, tool JSON only, 100,000 characters, non-English', async () => {
  const { scorer } = await embedded;
  const read = (text: string) => scorer.readCompletion(text, { kind: 'max' });
  const empty = await read('');
  assert.deepEqual([empty.readable, empty.unreadable], [false, 'empty']);
  const code = await read('```python\ndef add(a, b):\n    return a + b\n```');
  assert.deepEqual([code.readable, code.unreadable], [false, 'no prose to read (only code, tool output or paths)']);
  const json = await read('{"type":"tool_use","name":"Bash","input":{"command":"pytest -x tests/test_dates.py"}}');
  assert.equal(json.readable, false);
  const japanese = await read('テストがまた失敗しました。もう一度修正を試みますが、原因がまったくわかりません。');
  assert.equal(japanese.readable, false);
  assert.match(japanese.unreadable!, /not English/);
  const started = Date.now();
  const huge = await read('The next step compares the cache key with the stored manifest entry for each file. '.repeat(1200));
  assert.ok(huge.readable && huge.truncated, 'a huge completion is read up to the bound, and says it was cut');
  assert.ok(huge.sentences.length <= 48);
  assert.ok(Date.now() - started < 30_000, 'bounded work');
});

test('a completion too short to read is marked so, with the reason', async () => {
  const { scorer } = await embedded;
  const short = await scorer.readCompletion('Done.', { kind: 'mean' });
  assert.equal(short.readable, false);
  assert.match(short.unreadable!, /too short to read/);
  const fine = await scorer.readCompletion('I updated the parser so empty fields at the end of a line are kept.', { kind: 'mean' });
  assert.equal(fine.readable, true);
});

test('top-k pooling is the mean of the k highest readable sentences; unreadable sentences never count', () => {
  const s = (readable: boolean, ...z: number[]): SentenceReading => ({ start: 0, end: 1, tokens: readable ? 20 : 2, readable, scores: Float32Array.from(z) });
  const sentences = [s(true, 1, 0), s(true, 3, -1), s(false, 9, 9), s(true, 2, 5)];
  assert.deepEqual(Array.from(poolSentences(sentences, { kind: 'max' }, 2)!), [3, 5]);
  assert.deepEqual(Array.from(poolSentences(sentences, { kind: 'top-k', k: 2 }, 2)!), [2.5, 2.5]);
  assert.deepEqual(Array.from(poolSentences(sentences, { kind: 'top-k', k: 10 }, 2)!), [2, 4 / 3].map((x) => Math.fround(x)));
  assert.equal(poolSentences([s(false, 1, 1)], { kind: 'max' }, 2), undefined);
  assert.deepEqual(parsePooling('top-3'), { kind: 'top-k', k: 3 });
  assert.throws(() => parsePooling('median'), /unknown pooling 'median'/);
});
