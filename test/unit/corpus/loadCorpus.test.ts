/**
 * The loader on a small hand-made corpus with known defects: good lines come
 * back typed, bad lines are skipped and reported with file and line.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { emotionSlug, loadCorpus } from '../../../src/core/corpus/loadCorpus';

const MINI = fileURLToPath(new URL('../../fixtures/corpus/mini', import.meta.url));

describe('loadCorpus', () => {
  const corpus = loadCorpus(MINI);

  test('returns the valid entries with their source file and line', () => {
    assert.deepEqual(
      corpus.entries.map((e) => `${e.id} ${e.kind} ${e.split} ${e.file}:${e.line}`),
      [
        'at-ease-s01 story train emotions/at-ease.jsonl:1',
        'at-ease-a03 assistant heldout emotions/at-ease.jsonl:6',
        'neutral-0001 neutral heldout neutral.jsonl:1',
      ],
    );
    assert.equal(corpus.entries[0].emotion, 'at ease');
    assert.equal(corpus.entries[2].emotion, null);
  });

  test('skips and reports each bad line: broken JSON, unknown emotion, bad split, neutral with an emotion', () => {
    const lines = corpus.problems.filter((p) => p.line !== undefined).map((p) => `${p.file}:${p.line}`);
    assert.deepEqual(lines, [
      'emotions/at-ease.jsonl:2',
      'emotions/at-ease.jsonl:3',
      'emotions/at-ease.jsonl:5',
      'neutral.jsonl:2',
    ]);
    const messages = corpus.problems.map((p) => p.message).join('\n');
    assert.match(messages, /not valid JSON/);
    assert.match(messages, /at-ease-a01: "emotion" "glad" is not one of the emotion words/);
    assert.match(messages, /at-ease-a02: "split" must be train\|heldout, got "later"/);
    assert.match(messages, /neutral-0002: neutral entries need "emotion": null/);
  });

  test('merges banned forms across files in lower case and reports bad forms and unknown emotions', () => {
    assert.deepEqual(corpus.banned.get('at ease'), ['at ease', 'relaxed', 'unwound']);
    assert.deepEqual(corpus.banned.get('hope'), ['hope']);
    const fileProblems = corpus.problems.filter((p) => p.file.startsWith('banned'));
    assert.deepEqual(
      fileProblems.map((p) => `${p.file}: ${p.message}`),
      ['banned/part-2.json: "at ease": ignoring banned form 7', 'banned/part-2.json: "glad" is not one of the emotion words'],
    );
  });

  test('throws a clear error when the folder has no emotions.txt', () => {
    assert.throws(() => loadCorpus(`${MINI}/emotions`), /emotions\.txt not found/);
  });

  test('slugs replace spaces with dashes and keep hyphens', () => {
    assert.equal(emotionSlug('at ease'), 'at-ease');
    assert.equal(emotionSlug('grief-stricken'), 'grief-stricken');
  });
});
