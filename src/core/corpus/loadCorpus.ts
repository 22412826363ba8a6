/**
 * Reads the calibration corpus under `media/corpus/` and returns typed entries.
 *
 * Layout (all UTF-8):
 *   emotions.txt          the 171 emotion words, one a line, in the paper's order
 *   emotions/<slug>.jsonl stories and assistant passages of one emotion
 *   neutral.jsonl         emotionally neutral passages (emotion null)
 *   banned/*.json         { "<emotion>": ["banned form", ...] }, merged across files
 *
 * A malformed line never stops the load: it is skipped and reported in
 * `problems` with its file and line, so callers can refuse to calibrate on a
 * corpus with problems while still seeing everything that is wrong at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export type CorpusKind = 'story' | 'assistant' | 'neutral';
export type CorpusSplit = 'train' | 'heldout';

export interface CorpusEntry {
  id: string;
  /** One of the emotion words, or null for neutral text. */
  emotion: string | null;
  kind: CorpusKind;
  topic: string;
  /** `heldout` entries are kept out of calibration and used only to measure accuracy. */
  split: CorpusSplit;
  text: string;
  /** Where the entry came from, relative to the corpus root, 1-based line. */
  file: string;
  line: number;
}

export interface CorpusProblem {
  file: string;
  line?: number;
  message: string;
}

export interface Corpus {
  root: string;
  /** Emotion words in the paper's order. */
  emotions: string[];
  entries: CorpusEntry[];
  /** Banned forms per emotion (lower case), merged from every file under banned/. */
  banned: Map<string, string[]>;
  problems: CorpusProblem[];
}

const KINDS: readonly CorpusKind[] = ['story', 'assistant', 'neutral'];
const SPLITS: readonly CorpusSplit[] = ['train', 'heldout'];

/** File name stem for an emotion: spaces become dashes ("at ease" -> "at-ease"). */
export function emotionSlug(emotion: string): string {
  return emotion.replace(/\s+/g, '-');
}

export function parseEmotionList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Validates one JSONL file's text; bad lines are reported, never thrown. */
export function parseCorpusJsonl(
  text: string,
  file: string,
  emotions: ReadonlySet<string>,
): { entries: CorpusEntry[]; problems: CorpusProblem[] } {
  const entries: CorpusEntry[] = [];
  const problems: CorpusProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push({ file, line, message: `not valid JSON (${(err as Error).message})` });
      return;
    }
    const result = toEntry(value, emotions);
    if (typeof result === 'string') {
      problems.push({ file, line, message: result });
      return;
    }
    entries.push({ ...result, file, line });
  });
  return { entries, problems };
}

/** Returns the entry, or a message saying what is wrong with it. */
function toEntry(
  value: unknown,
  emotions: ReadonlySet<string>,
): Omit<CorpusEntry, 'file' | 'line'> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'line is not a JSON object';
  }
  const o = value as Record<string, unknown>;
  const label = typeof o.id === 'string' && o.id ? `${o.id}: ` : '';
  if (typeof o.id !== 'string' || o.id.trim() === '') return 'missing or empty "id"';
  if (typeof o.kind !== 'string' || !KINDS.includes(o.kind as CorpusKind)) {
    return `${label}"kind" must be one of ${KINDS.join('|')}, got ${JSON.stringify(o.kind)}`;
  }
  const kind = o.kind as CorpusKind;
  if (kind === 'neutral') {
    if (o.emotion !== null) {
      return `${label}neutral entries need "emotion": null, got ${JSON.stringify(o.emotion)}`;
    }
  } else if (typeof o.emotion !== 'string' || !emotions.has(o.emotion)) {
    return `${label}"emotion" ${JSON.stringify(o.emotion)} is not one of the emotion words`;
  }
  if (typeof o.topic !== 'string' || o.topic.trim() === '') return `${label}missing or empty "topic"`;
  if (typeof o.split !== 'string' || !SPLITS.includes(o.split as CorpusSplit)) {
    return `${label}"split" must be train|heldout, got ${JSON.stringify(o.split)}`;
  }
  if (typeof o.text !== 'string' || o.text.trim() === '') return `${label}missing or empty "text"`;
  return {
    id: o.id,
    emotion: kind === 'neutral' ? null : (o.emotion as string),
    kind,
    topic: o.topic,
    split: o.split as CorpusSplit,
    text: o.text,
  };
}

/** Validates one banned-forms file: an object mapping emotion words to arrays of strings. */
export function parseBannedForms(
  text: string,
  file: string,
  emotions: ReadonlySet<string>,
): { forms: Map<string, string[]>; problems: CorpusProblem[] } {
  const forms = new Map<string, string[]>();
  const problems: CorpusProblem[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    problems.push({ file, message: `not valid JSON (${(err as Error).message})` });
    return { forms, problems };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ file, message: 'expected an object mapping emotion words to arrays of forms' });
    return { forms, problems };
  }
  for (const [emotion, list] of Object.entries(value as Record<string, unknown>)) {
    if (!emotions.has(emotion)) {
      problems.push({ file, message: `"${emotion}" is not one of the emotion words` });
      continue;
    }
    if (!Array.isArray(list)) {
      problems.push({ file, message: `"${emotion}": expected an array of banned forms` });
      continue;
    }
    const good: string[] = [];
    for (const form of list) {
      if (typeof form === 'string' && form.trim() !== '') good.push(form.trim().toLowerCase());
      else problems.push({ file, message: `"${emotion}": ignoring banned form ${JSON.stringify(form)}` });
    }
    forms.set(emotion, good);
  }
  return { forms, problems };
}

function listFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Loads the whole corpus. Throws only when `emotions.txt` is missing (nothing
 * can be checked without it); everything else becomes a problem entry.
 */
export function loadCorpus(root: string): Corpus {
  const emotionsFile = join(root, 'emotions.txt');
  if (!existsSync(emotionsFile)) {
    throw new Error(`corpus: ${emotionsFile} not found (is ${root} the corpus folder?)`);
  }
  const emotions = parseEmotionList(readFileSync(emotionsFile, 'utf8'));
  const emotionSet = new Set(emotions);
  const entries: CorpusEntry[] = [];
  const problems: CorpusProblem[] = [];

  const jsonlFiles = listFiles(join(root, 'emotions'), '.jsonl');
  const neutralFile = join(root, 'neutral.jsonl');
  if (existsSync(neutralFile)) jsonlFiles.push(neutralFile);
  else problems.push({ file: 'neutral.jsonl', message: 'file not found' });

  for (const path of jsonlFiles) {
    const rel = relative(root, path);
    const parsed = parseCorpusJsonl(readFileSync(path, 'utf8'), rel, emotionSet);
    entries.push(...parsed.entries);
    problems.push(...parsed.problems);
  }

  const banned = new Map<string, string[]>();
  for (const path of listFiles(join(root, 'banned'), '.json')) {
    const parsed = parseBannedForms(readFileSync(path, 'utf8'), relative(root, path), emotionSet);
    problems.push(...parsed.problems);
    for (const [emotion, forms] of parsed.forms) {
      banned.set(emotion, [...new Set([...(banned.get(emotion) ?? []), ...forms])]);
    }
  }

  return { root, emotions, entries, banned, problems };
}
