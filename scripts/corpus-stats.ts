/**
 * Prints what the calibration corpus holds: counts per kind, per-emotion
 * minimum/maximum, topics, words and held-out counts.
 *
 *   npx tsx scripts/corpus-stats.ts [--json] [--dir media/corpus]
 */
import { parseArgs } from 'node:util';
import { loadCorpus, type CorpusEntry, type CorpusKind } from '../src/core/corpus/loadCorpus';
import { countWords } from '../src/core/corpus/countWords';
import { ASSISTANT_TOPIC, NEUTRAL_TOPICS, STORY_TOPICS } from '../src/core/corpus/topics';

const USAGE = 'usage: npx tsx scripts/corpus-stats.ts [--json] [--dir <corpus folder>]';

interface KindStats {
  count: number;
  heldout: number;
  words: number;
  minWords: number;
  maxWords: number;
}

interface PerEmotion {
  min: number;
  max: number;
  /** Emotions holding the minimum (all of them when fewer than 10). */
  atMin: string[];
}

interface Stats {
  dir: string;
  kinds: Record<CorpusKind, KindStats>;
  totalWords: number;
  emotionsWithStories: number;
  emotionsMissing: string[];
  storiesPerEmotion: PerEmotion;
  assistantPerEmotion: PerEmotion;
  storyTopics: Record<string, number>;
  neutralTopics: Record<string, number>;
  unknownTopics: string[];
  problems: number;
}

function kindStats(items: CorpusEntry[]): KindStats {
  const words = items.map((e) => countWords(e.text));
  return {
    count: items.length,
    heldout: items.filter((e) => e.split === 'heldout').length,
    words: words.reduce((a, b) => a + b, 0),
    minWords: words.length ? Math.min(...words) : 0,
    maxWords: words.length ? Math.max(...words) : 0,
  };
}

function perEmotion(emotions: string[], items: CorpusEntry[]): PerEmotion {
  const counts = new Map<string, number>(emotions.map((e) => [e, 0]));
  for (const e of items) if (e.emotion) counts.set(e.emotion, (counts.get(e.emotion) ?? 0) + 1);
  const values = [...counts.values()];
  const min = values.length ? Math.min(...values) : 0;
  const atMin = [...counts].filter(([, n]) => n === min).map(([e]) => e);
  return { min, max: values.length ? Math.max(...values) : 0, atMin };
}

function countBy(items: CorpusEntry[], order: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(order.map((t) => [t, 0]));
  for (const e of items) counts[e.topic] = (counts[e.topic] ?? 0) + 1;
  return counts;
}

function corpusStats(dir: string): Stats {
  const corpus = loadCorpus(dir);
  const of = (kind: CorpusKind) => corpus.entries.filter((e) => e.kind === kind);
  const stories = of('story');
  const assistant = of('assistant');
  const neutral = of('neutral');
  const present = new Set(stories.map((e) => e.emotion));
  const storyTopics = countBy(stories, STORY_TOPICS);
  const neutralTopics = countBy(neutral, NEUTRAL_TOPICS);
  const unknownTopics = [
    ...Object.keys(storyTopics).filter((t) => !STORY_TOPICS.includes(t)),
    ...Object.keys(neutralTopics).filter((t) => !NEUTRAL_TOPICS.includes(t)),
    ...new Set(assistant.map((e) => e.topic).filter((t) => t !== ASSISTANT_TOPIC)),
  ];
  const kinds = { story: kindStats(stories), assistant: kindStats(assistant), neutral: kindStats(neutral) };
  return {
    dir,
    kinds,
    totalWords: kinds.story.words + kinds.assistant.words + kinds.neutral.words,
    emotionsWithStories: present.size,
    emotionsMissing: corpus.emotions.filter((e) => !present.has(e)),
    storiesPerEmotion: perEmotion(corpus.emotions, stories),
    assistantPerEmotion: perEmotion(corpus.emotions, assistant),
    storyTopics,
    neutralTopics,
    unknownTopics,
    problems: corpus.problems.length,
  };
}

function sample(names: string[]): string {
  return names.length > 10 ? `${names.slice(0, 10).join(', ')} (+${names.length - 10} more)` : names.join(', ');
}

function topicLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
}

function render(s: Stats): string {
  const lines = [`corpus: ${s.dir}`, ''];
  lines.push('kind        count  held out  words   min-max words');
  for (const [kind, k] of Object.entries(s.kinds)) {
    lines.push(
      `${kind.padEnd(10)} ${String(k.count).padStart(6)} ${String(k.heldout).padStart(9)} ` +
        `${String(k.words).padStart(7)}   ${k.minWords}-${k.maxWords}`,
    );
  }
  lines.push(`total words: ${s.totalWords}`, '');
  lines.push(`emotions with stories: ${s.emotionsWithStories} of ${s.emotionsWithStories + s.emotionsMissing.length}`);
  if (s.emotionsMissing.length) lines.push(`  missing: ${sample(s.emotionsMissing)}`);
  const pe = (label: string, p: PerEmotion) =>
    `${label} per emotion: min ${p.min} (${sample(p.atMin)}), max ${p.max}`;
  lines.push(pe('stories', s.storiesPerEmotion), pe('assistant passages', s.assistantPerEmotion), '');
  const used = Object.values(s.storyTopics).filter((n) => n > 0).length;
  lines.push(`story topics used: ${used}`, `  ${topicLine(s.storyTopics)}`);
  lines.push(`neutral topics: ${topicLine(s.neutralTopics)}`);
  if (s.unknownTopics.length) lines.push(`topics outside the fixed lists: ${s.unknownTopics.join(', ')}`);
  if (s.problems) lines.push(`malformed lines or files: ${s.problems} (run the corpus tests for details)`);
  return lines.join('\n');
}

function main(): number {
  let values: { json?: boolean; dir?: string };
  try {
    ({ values } = parseArgs({
      options: { json: { type: 'boolean' }, dir: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const stats = corpusStats(values.dir ?? 'media/corpus');
  process.stdout.write(values.json ? `${JSON.stringify(stats, null, 2)}\n` : `${render(stats)}\n`);
  return 0;
}

process.exitCode = main();
