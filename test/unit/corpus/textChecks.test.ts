/**
 * The measures the corpus tests rely on, checked on small hand-made texts so a
 * passing corpus test means the rule held, not that the measure was blind.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { countWords } from '../../../src/core/corpus/countWords';
import { countSentences, findForms, findNearDuplicates } from './textChecks';

describe('countWords', () => {
  test('counts whitespace-separated runs', () => {
    assert.equal(countWords('  Running the   test suite\tnow. '), 5);
    assert.equal(countWords(''), 0);
  });
});

describe('countSentences', () => {
  test('splits on sentence ends followed by a capital or digit', () => {
    assert.equal(countSentences('I ran the tests. Two failed! Why? 3 left.'), 4);
  });

  test('does not split inside file names, versions or "e.g." before lower case', () => {
    assert.equal(countSentences('Editing src/auth.test.ts for v1.2.3, e.g. the token check.'), 1);
  });

  test('a closing quote after the full stop still ends the sentence', () => {
    assert.equal(countSentences('The log said "done." Then it stopped.'), 2);
  });
});

describe('findForms', () => {
  const forms = ['hope', 'at ease', 'self-critical'];

  test('matches whole words case-insensitively, including inside hyphenated compounds', () => {
    assert.deepEqual(findForms('Hope, she thought.', forms), ['hope']);
    assert.deepEqual(findForms('a hope-filled morning', forms), ['hope']);
  });

  test('does not match a form inside a longer word', () => {
    assert.deepEqual(findForms('She was hopeful and hopeless at once.', forms), []);
  });

  test('matches phrases across spaces, line breaks and dashes', () => {
    assert.deepEqual(findForms('He felt AT  EASE.', forms), ['at ease']);
    assert.deepEqual(findForms('a self critical note', forms), ['self-critical']);
    assert.deepEqual(findForms('felt at the ease of it', forms), []);
  });

  test('treats curly and straight apostrophes alike', () => {
    assert.deepEqual(findForms('It wasn\u2019t there.', ["wasn't"]), ["wasn't"]);
  });
});

describe('findNearDuplicates', () => {
  const base =
    'The build failed on the third step because the cache key changed after the lockfile was updated by the bot';

  test('flags an exact copy and a copy with one word changed at the end', () => {
    const items = [
      { id: 'a', text: base },
      { id: 'b', text: base },
      { id: 'c', text: base.replace(/bot$/, 'robot') },
    ];
    const pairs = findNearDuplicates(items, 0.8).map((d) => `${d.a}~${d.b}`);
    assert.deepEqual(pairs.sort(), ['a~b', 'a~c', 'b~c']);
  });

  test('does not flag texts that share only a short phrase', () => {
    const items = [
      { id: 'a', text: base },
      { id: 'b', text: 'The build failed on the third step, so Priya reran it with a fresh runner image.' },
    ];
    assert.deepEqual(findNearDuplicates(items, 0.8), []);
  });

  test('measures overlap against the shorter text', () => {
    const shortText = 'the cache key changed after the lockfile was updated by the bot';
    const items = [
      { id: 'long', text: `${base} and then the deploy job was skipped for the rest of the day` },
      { id: 'short', text: shortText },
    ];
    const [pair] = findNearDuplicates(items, 0.8);
    assert.equal(pair?.overlap, 1);
  });

  test('catches exact duplicates too short to have a 5-gram', () => {
    const items = [
      { id: 'a', text: 'Tests pass.' },
      { id: 'b', text: 'tests   pass' },
      { id: 'c', text: 'Tests fail.' },
    ];
    assert.deepEqual(findNearDuplicates(items, 0.8).map((d) => `${d.a}~${d.b}`), ['a~b']);
  });
});
