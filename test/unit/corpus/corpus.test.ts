/**
 * The calibration corpus rules (issue 4), checked against the real files in
 * media/corpus/. Each failure names the offending ids so they can be fixed.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { emotionSlug, loadCorpus, type CorpusEntry } from '../../../src/core/corpus/loadCorpus';
import { countWords } from '../../../src/core/corpus/countWords';
import {
  ASSISTANT_TOPIC,
  NEUTRAL_TOPICS,
  STATUS_LINE_TOPIC,
  STORY_TOPICS,
  isSoftwareTopic,
} from '../../../src/core/corpus/topics';
import { countSentences, findForms, findNearDuplicates } from './textChecks';

const CORPUS_ROOT = fileURLToPath(new URL('../../../media/corpus', import.meta.url));
const corpus = loadCorpus(CORPUS_ROOT);
const { emotions, entries, banned } = corpus;
const stories = entries.filter((e) => e.kind === 'story');
const assistant = entries.filter((e) => e.kind === 'assistant');
const neutralText = entries.filter((e) => e.kind === 'neutral');
const neutral = neutralText.filter((e) => e.topic !== STATUS_LINE_TOPIC);
const statusLines = neutralText.filter((e) => e.topic === STATUS_LINE_TOPIC);

/** "a, b, c (+12 more)": enough to act on without flooding the output. */
function list(items: readonly string[], max = 40): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (+${items.length - max} more)` : shown;
}

/** Fails with a readable list of offenders (not a structural diff of two arrays). */
function assertNone(offenders: readonly string[], what: string, separator = ', '): void {
  if (offenders.length === 0) return;
  const shown = separator === ', ' ? list(offenders) : offenders.slice(0, 40).join(separator);
  assert.fail(`${offenders.length} ${what}:${separator === ', ' ? ' ' : separator}${shown}`);
}

function byEmotion(kind: CorpusEntry['kind'], pick: (e: CorpusEntry) => boolean = () => true) {
  const counts = new Map<string, number>(emotions.map((e) => [e, 0]));
  for (const e of entries) {
    if (e.kind === kind && e.emotion !== null && pick(e)) {
      counts.set(e.emotion, (counts.get(e.emotion) ?? 0) + 1);
    }
  }
  return counts;
}

function short(counts: Map<string, number>, min: number): string[] {
  return [...counts].filter(([, n]) => n < min).map(([emotion, n]) => `${emotion} (${n})`);
}

describe('calibration corpus: format', () => {
  test('emotions.txt lists 171 distinct emotion words', () => {
    assert.equal(new Set(emotions).size, emotions.length, 'emotions.txt has repeated words');
    assert.equal(emotions.length, 171, `emotions.txt has ${emotions.length} words`);
  });

  test('every line is a JSON object with id, emotion, kind, topic, split and text', () => {
    const bad = corpus.problems
      .filter((p) => !p.file.startsWith('banned'))
      .map((p) => `${p.file}${p.line ? `:${p.line}` : ''} ${p.message}`);
    assertNone(bad, 'malformed corpus lines', '\n');
  });

  test('ids are unique across the corpus', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const e of entries) {
      const first = seen.get(e.id);
      if (first) dupes.push(`${e.id} (${first} and ${e.file}:${e.line})`);
      else seen.set(e.id, `${e.file}:${e.line}`);
    }
    assertNone(dupes, 'duplicate ids');
  });

  test('each emotion file holds only its own emotion; neutral.jsonl only neutral text', () => {
    const misplaced = entries
      .filter((e) =>
        e.file === 'neutral.jsonl'
          ? e.kind !== 'neutral'
          : e.kind === 'neutral' || e.file !== `emotions/${emotionSlug(e.emotion ?? '')}.jsonl`,
      )
      .map((e) => `${e.id} (${e.kind} "${e.emotion}" in ${e.file})`);
    assertNone(misplaced, 'entries in the wrong file');
  });

  test('topics come from the fixed vocabularies', () => {
    const wrong = entries
      .filter((e) =>
        e.kind === 'story'
          ? !STORY_TOPICS.includes(e.topic)
          : e.kind === 'assistant'
            ? e.topic !== ASSISTANT_TOPIC
            : !NEUTRAL_TOPICS.includes(e.topic) && e.topic !== STATUS_LINE_TOPIC,
      )
      .map((e) => `${e.id} (${e.kind}: "${e.topic}")`);
    assertNone(wrong, 'unknown topics');
  });
});

describe('calibration corpus: completeness and split', () => {
  test('every emotion has at least 12 stories and 4 assistant passages', () => {
    const storyCounts = byEmotion('story');
    const passageCounts = byEmotion('assistant');
    const incomplete = emotions
      .filter((e) => (storyCounts.get(e) ?? 0) < 12 || (passageCounts.get(e) ?? 0) < 4)
      .map((e) => `${e} (${storyCounts.get(e)} stories, ${passageCounts.get(e)} passages)`);
    assertNone(incomplete, 'emotions short of 12 stories or 4 assistant passages');
  });

  test('the corpus holds >= 2,052 stories, >= 684 assistant passages, >= 400 neutral passages', () => {
    const counts = { stories: stories.length, assistant: assistant.length, neutral: neutral.length };
    assert.ok(
      counts.stories >= 2052 && counts.assistant >= 684 && counts.neutral >= 400,
      `counts too low: ${JSON.stringify(counts)}`,
    );
  });

  test('every emotion has at least 2 stories set in software work', () => {
    const few = short(byEmotion('story', (e) => isSoftwareTopic(e.topic)), 2);
    assertNone(few, 'emotions with fewer than 2 software-* stories');
  });

  test('every emotion holds out >= 2 stories and >= 1 assistant passage, and trains on more', () => {
    const heldStories = byEmotion('story', (e) => e.split === 'heldout');
    const trainStories = byEmotion('story', (e) => e.split === 'train');
    const heldPassages = byEmotion('assistant', (e) => e.split === 'heldout');
    const trainPassages = byEmotion('assistant', (e) => e.split === 'train');
    const problems = emotions.flatMap((emotion) => {
      const hs = heldStories.get(emotion) ?? 0;
      const ts = trainStories.get(emotion) ?? 0;
      const ha = heldPassages.get(emotion) ?? 0;
      const ta = trainPassages.get(emotion) ?? 0;
      return hs < 2 || ha < 1 || ts <= hs || ta <= ha
        ? [`${emotion} (stories ${ts} train/${hs} held out, passages ${ta}/${ha})`]
        : [];
    });
    assertNone(problems, 'emotions with a bad held-out split');
  });

  test('neutral text covers all eight neutral topics, >= 40 passages and some held out in each', () => {
    const problems = NEUTRAL_TOPICS.flatMap((topic) => {
      const inTopic = neutral.filter((e) => e.topic === topic);
      const held = inTopic.filter((e) => e.split === 'heldout').length;
      return inTopic.length < 40 || held < 1 ? [`${topic} (${inTopic.length}, ${held} held out)`] : [];
    });
    assertNone(problems, 'neutral topics short of passages');
  });
});

describe('calibration corpus: lengths', () => {
  test('stories are 50-120 words', () => {
    const bad = stories
      .filter((e) => countWords(e.text) < 50 || countWords(e.text) > 120)
      .map((e) => `${e.id} (${countWords(e.text)})`);
    assertNone(bad, 'stories outside 50-120 words');
  });

  test('assistant passages are 1-4 sentences and 8-80 words', () => {
    const bad = assistant
      .filter((e) => {
        const s = countSentences(e.text);
        const w = countWords(e.text);
        return s < 1 || s > 4 || w < 8 || w > 80;
      })
      .map((e) => `${e.id} (${countSentences(e.text)} sentences, ${countWords(e.text)} words)`);
    assertNone(bad, 'assistant passages out of bounds');
  });

  test('neutral passages are 8-120 words', () => {
    const bad = neutral
      .filter((e) => countWords(e.text) < 8 || countWords(e.text) > 120)
      .map((e) => `${e.id} (${countWords(e.text)})`);
    assertNone(bad, 'neutral passages outside 8-120 words');
  });

  test('>= 250 short neutral status lines of 4-20 words, all in the train split (they fit the length law)', () => {
    const bad = statusLines
      .filter((e) => countWords(e.text) < 4 || countWords(e.text) > 20 || e.split !== 'train')
      .map((e) => `${e.id} (${countWords(e.text)} words, ${e.split})`);
    assertNone(bad, 'status lines out of bounds');
    assert.ok(statusLines.length >= 250, `only ${statusLines.length} status lines`);
  });
});

describe('calibration corpus: banned forms', () => {
  test('banned-form files are valid', () => {
    const bad = corpus.problems
      .filter((p) => p.file.startsWith('banned'))
      .map((p) => `${p.file}: ${p.message}`);
    assertNone(bad, 'problems in banned/*.json', '\n');
  });

  test('every emotion has a ban list that includes the emotion word itself', () => {
    const missing = emotions.filter((emotion) => !(banned.get(emotion) ?? []).includes(emotion));
    assertNone(missing, 'emotions without a ban list naming themselves');
  });

  test('no text of an emotion contains any of its banned forms', () => {
    const hits = entries.flatMap((e) => {
      if (e.emotion === null) return [];
      const found = findForms(e.text, banned.get(e.emotion) ?? [e.emotion]);
      return found.length ? [`${e.id} (${found.map((f) => `"${f}"`).join(', ')})`] : [];
    });
    assertNone(hits, "texts containing their own emotion's banned forms");
  });

  test('neutral passages and status lines contain none of the 171 emotion words', () => {
    const hits = neutralText.flatMap((e) => {
      const found = findForms(e.text, emotions);
      return found.length ? [`${e.id} (${found.join(', ')})`] : [];
    });
    assertNone(hits, 'neutral passages naming emotions');
  });
});

describe('calibration corpus: variety', () => {
  test('stories use >= 40 distinct topics and none carries more than 10% of stories', () => {
    const counts = new Map<string, number>();
    for (const s of stories) counts.set(s.topic, (counts.get(s.topic) ?? 0) + 1);
    const limit = stories.length * 0.1;
    const heavy = [...counts].filter(([, n]) => n > limit).map(([t, n]) => `${t} (${n})`);
    assert.ok(counts.size >= 40, `only ${counts.size} distinct story topics`);
    assertNone(heavy, `topics above 10% of ${stories.length} stories`);
  });

  test('no two texts share more than 80% of their word 5-grams', () => {
    const pairs = findNearDuplicates(entries, 0.8).map(
      (d) => `${d.a} ~ ${d.b} (${Math.round(d.overlap * 100)}%)`,
    );
    assertNone(pairs, 'near-duplicate texts');
  });
});
