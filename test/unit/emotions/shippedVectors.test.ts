import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../../../src/core/corpus/loadCorpus';
import { corpusHash } from '../../../src/core/emotions/calibrate';
import { decodeVectorFile } from '../../../src/core/emotions/vectorFile';
import { readManifest } from '../../../src/core/model/manifest';

// The shipped vectors must be the ones the current corpus and model give:
// after editing the corpus or the model conversion, run `npm run calibrate`.
const shipped = decodeVectorFile(readFileSync('media/vectors/use-lite.elvec'), 'media/vectors/use-lite.elvec');

test('the shipped vectors were built from the current corpus', () => {
  const corpus = loadCorpus('media/corpus');
  assert.equal(shipped.header.corpus.sha256, corpusHash(corpus.entries), 'corpus changed since calibration: run `npm run calibrate`');
});

test('the shipped vectors were built for the model the build generates', async () => {
  const manifest = await readManifest('dist/model');
  assert.deepEqual(shipped.header.model, { id: manifest.modelId, sha256: manifest.sha256 }, 'model changed: run `npm run calibrate`');
});

test('the shipped file is compact and complete: 171 emotions in the paper order, under 1 MB', () => {
  const words = readFileSync('media/corpus/emotions.txt', 'utf8').split('\n').filter(Boolean);
  assert.deepEqual(shipped.header.emotions, words);
  assert.ok(readFileSync('media/vectors/use-lite.elvec').length <= 1024 * 1024);
  assert.equal(shipped.header.choice.candidates.length, 8, "both recipes, each layer, with and without denoising");
});

test('vectors built for another model, or a missing or corrupt file, are refused with the one-line fix', async () => {
  const { loadVectorFile } = await import('../../../src/core/emotions/loadVectors');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'el-vec-'));
  const path = join(dir, 'v.elvec');
  writeFileSync(path, readFileSync('media/vectors/use-lite.elvec'));
  await assert.rejects(loadVectorFile(path, { id: 'use-lite', sha256: '0'.repeat(64) }), /were built for model use-lite .* but the model in use is use-lite \(000000000000…\)\. Rebuild the vectors with `npm run calibrate`/);
  await assert.rejects(loadVectorFile(join(dir, 'missing.elvec'), shipped.header.model), /missing \(ENOENT\)\. Rebuild the vectors with `npm run calibrate`/);
  writeFileSync(path, readFileSync('media/vectors/use-lite.elvec').subarray(0, 5000));
  await assert.rejects(loadVectorFile(path, shipped.header.model), /truncated or corrupt.*npm run calibrate/);
});
