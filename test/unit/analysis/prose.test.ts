import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractProse, languageProblem, MIN_SEGMENT_WORDS, PROSE_LIMITS } from '../../../src/core/analysis/prose';

test('prose is cut into sentences, with code blocks, tool JSON, stack traces and long paths left out', () => {
  const text = [
    'The parser drops the last field when the line ends with a comma. I changed the split so empty fields are kept.',
    '```ts',
    'const fields = line.split(",", -1);',
    '```',
    '{"tool": "bash", "command": "npm test", "exit_code": 1}',
    'TypeError: Cannot read properties of undefined (reading \'length\')',
    '    at parseLine (/home/dev/project/src/parser/csv.ts:42:17)',
    'I have run it six times now and it still fails, and I honestly do not know what else to try here.',
    'The failing file is /home/dev/project/src/parser/fixtures/trailing-comma.csv and it has three rows.',
  ].join('\n');
  const prose = extractProse(text);
  const joined = prose.segments.map((s) => s.text).join(' | ');
  assert.equal(prose.segments.length, 4, joined);
  assert.doesNotMatch(joined, /line\.split|exit_code|TypeError|parseLine|trailing-comma/);
  assert.match(joined, /I honestly do not know what else to try here\./);
  assert.ok(prose.skippedChars > 150, `skipped ${prose.skippedChars}`);
  for (const s of prose.segments) assert.equal(text.slice(s.start, s.end).startsWith(s.text.slice(0, 10)), true, 'spans point into the text');
});

test('sentences too short to read alone are joined to the next one', () => {
  const prose = extractProse('Done. Tests pass. I also renamed the helper so its name says what it returns now.');
  assert.equal(prose.segments.length, 1);
  assert.equal(prose.segments[0].text, 'Done. Tests pass. I also renamed the helper so its name says what it returns now.');
  const last = extractProse('I rewrote the date parser to accept ISO week dates as well. Done.');
  assert.equal(last.segments.length, 1, 'a short last sentence joins the one before');
  assert.ok(last.segments[0].text.split(' ').length >= MIN_SEGMENT_WORDS);
});

test('only code or tool output leaves no prose; empty text leaves none either', () => {
  assert.equal(extractProse('```python\nimport os\nprint(os.getcwd())\n```').segments.length, 0);
  assert.equal(extractProse('{"type": "tool_use", "name": "Bash", "input": {"command": "pytest -x"}}').segments.length, 0);
  assert.equal(extractProse('').segments.length, 0);
  assert.equal(extractProse('   \n\n ').segments.length, 0);
});

test('a 100,000-character completion is bounded: the first characters, at most the segment cap, and it says so', () => {
  const sentence = 'The next step checks the cache key against the stored manifest entry. ';
  const prose = extractProse(sentence.repeat(Math.ceil(100_000 / sentence.length)));
  assert.equal(prose.truncated, true);
  assert.equal(prose.segments.length, PROSE_LIMITS.maxSegments);
  assert.ok(prose.segments.at(-1)!.end <= PROSE_LIMITS.maxChars);
});

test('non-English text is named as such; English with code identifiers is not', () => {
  assert.match(languageProblem('テストがまた失敗しました。もう一度修正を試みますが、原因がわかりません。')!, /not English/);
  assert.match(languageProblem('Der Test schlägt immer noch fehl, obwohl ich die Funktion dreimal umgeschrieben habe und nichts hilft mehr weiter.')!, /does not look like English/);
  assert.equal(languageProblem('I renamed parseDate to parseIsoDate and the three tests in dates.test.ts pass now.'), undefined);
});
