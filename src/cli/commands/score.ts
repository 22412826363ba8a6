import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { numberOption } from '../args';
import { Command, UsageError } from '../command';
import { MODEL_OPTIONS, MODEL_USAGE, openChosenScorer } from '../localModel';

const USAGE = `emotion-lens score [--input FILE|-] [--emotions a,b] [--top N] [--json] ${MODEL_USAGE}`;

/**
 * Reads each input line against the 171 emotion vectors. A line is a JSON object
 * with a `text` field, or plain text. Lines that are neither (a JSON value without
 * a string `text`) are skipped, counted and reported on stderr.
 */
export const command: Command = {
  name: 'score',
  summary: 'Score text against the 171 emotion vectors',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', default: '-' },
        emotions: { type: 'string' },
        top: { type: 'string', default: '5' },
        json: { type: 'boolean', default: false },
        ...MODEL_OPTIONS,
      },
    });
    const top = numberOption('--top', values.top!, { integer: true, min: 0, max: 171 });
    const { scorer, dispose } = await openChosenScorer(values);
    const wanted = values.emotions ? values.emotions.split(',').map((e) => e.trim()).filter(Boolean) : [...scorer.emotions];
    const unknown = wanted.filter((e) => !scorer.emotions.includes(e));
    if (unknown.length > 0) {
      await dispose();
      throw new UsageError(`unknown emotion${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    }
    const stream = values.input === '-' ? io.stdin : createReadStream(values.input!);
    let skipped = 0;
    let lineNumber = 0;
    try {
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        lineNumber++;
        if (line.trim() === '') continue;
        const text = textOf(line);
        if (text === undefined) {
          skipped++;
          io.stderr(`score: line ${lineNumber}: a JSON value without a string "text" field, skipped\n`);
          continue;
        }
        const reading = await scorer.readText(text);
        const scores: Record<string, number> = {};
        for (const emotion of wanted) scores[emotion] = round(reading.scores[scorer.reader.indexOf(emotion)]);
        const best = scorer.reader.top(reading.scores, top).map(([e, z]) => [e, round(z)]);
        if (values.json) {
          io.stdout(JSON.stringify({ tokens: reading.tokens, readable: reading.readable, ...(reading.unreadable ? { unreadable: reading.unreadable } : {}), scores, top: best }) + '\n');
        } else {
          const note = reading.readable ? '' : `  (unreadable: ${reading.unreadable})`;
          io.stdout(`${reading.tokens} tokens  ${best.map(([e, z]) => `${e} ${Number(z).toFixed(2)}`).join(', ')}${note}\n`);
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`cannot read --input ${values.input}: no such file`);
      throw error;
    } finally {
      await dispose();
    }
    if (skipped > 0) io.stderr(`score: ${skipped} line${skipped === 1 ? '' : 's'} skipped\n`);
    return 0;
  },
};

function textOf(line: string): string | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return line;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string') {
      return (value as { text: string }).text;
    }
    return undefined;
  } catch {
    return line; // not JSON after all: plain text that happens to start with a brace
  }
}

function round(z: number): number {
  return Math.round(z * 1000) / 1000;
}
