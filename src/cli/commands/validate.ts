import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../core/corpus/loadCorpus';
import { DEFAULT_MONITOR_SETTINGS } from '../../core/monitor/types';
import { numberOption } from '../args';
import { CliIO, Command, UsageError } from '../command';
import { MODEL_OPTIONS, MODEL_USAGE, ModelChoice, openChosenScorer } from '../localModel';
import { formatLoops, validateLoops } from './validateLoops';
import { formatValidation, validationReport } from '../../core/analysis/validation';
import { formatShortLines, shortLinesReport } from '../../core/analysis/shortLines';
import { runTamperValidation } from './validateTamper';

export const CORPUS = join(__dirname, '..', 'media', 'corpus');

/**
 * Measures a model's vectors on the corpus's held-out split (never used to build
 * them) and their geometry; with --norms, against human valence/arousal ratings.
 * With --tamper DIR, measures the test-tampering evidence on a folder of labelled
 * edits instead (no model needed).
 */
export const command: Command = {
  name: 'validate',
  summary: 'Measure the vectors on the held-out corpus',
  usage: `emotion-lens validate [--json] [--norms CSV] [--corpus DIR] | --loops DIR [--json] [--threshold Z] [--min-failing-runs N] [--sweep Z,Z,...] [--pooling mean|max|top-K] | --short FILE [--json] ${MODEL_USAGE}\n       emotion-lens validate --tamper DIR [--json]`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        norms: { type: 'string' },
        corpus: { type: 'string', default: CORPUS },
        loops: { type: 'string' },
        threshold: { type: 'string' },
        'min-failing-runs': { type: 'string' },
        sweep: { type: 'string' },
        pooling: { type: 'string' },
        short: { type: 'string' },
        tamper: { type: 'string' },
        ...MODEL_OPTIONS,
      },
    });
    if (values.loops !== undefined) return runLoops(values, io);
    if (values.short !== undefined) return runShort(values, io);
    if (values.tamper !== undefined) return runTamperValidation(values.tamper, values.json!, io);
    const normsText = values.norms === undefined ? undefined : await readNorms(values.norms);
    const corpus = loadCorpus(values.corpus!);
    const { scorer, dispose } = await openChosenScorer(values);
    try {
      const report = await validationReport(scorer, corpus, normsText);
      io.stdout(values.json ? JSON.stringify(report) + '\n' : formatValidation(report));
    } finally {
      await dispose();
    }
    return 0;
  },
};

async function runLoops(values: { loops?: string; json?: boolean; threshold?: string; 'min-failing-runs'?: string; sweep?: string } & ModelChoice, io: CliIO): Promise<number> {
  const settings = { ...DEFAULT_MONITOR_SETTINGS };
  if (values['min-failing-runs'] !== undefined) settings.minFailingRuns = numberOption('--min-failing-runs', values['min-failing-runs'], { integer: true, min: 1 });
  if (values.threshold !== undefined) settings.desperationThreshold = numberOption('--threshold', values.threshold, { min: 0, exclusiveMin: true });
  const sweep = values.sweep === undefined ? [] : values.sweep.split(',').map((t) => numberOption('--sweep', t, { min: 0, exclusiveMin: true }));
  const { scorer, dispose } = await openChosenScorer(values);
  try {
    const { reports } = await validateLoops(values.loops!, scorer, settings, sweep);
    io.stdout(values.json ? JSON.stringify({ dir: values.loops, model: scorer.model, reports }) + '\n' : formatLoops(values.loops!, reports));
  } finally {
    await dispose();
  }
  return 0;
}

/** How held-out short neutral lines (one a line, `#` comments) read: the share beyond |z| 2 on a default emotion. */
async function runShort(values: { short?: string; json?: boolean } & ModelChoice, io: CliIO): Promise<number> {
  let text: string;
  try {
    text = await readFile(values.short!, 'utf8');
  } catch {
    throw new UsageError(`cannot read --short ${values.short}`);
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new UsageError(`--short ${values.short} has no lines to read`);
  const { scorer, dispose } = await openChosenScorer(values);
  try {
    const report = await shortLinesReport(scorer, lines);
    io.stdout(values.json ? JSON.stringify(report) + '\n' : formatShortLines(report));
  } finally {
    await dispose();
  }
  return 0;
}

export async function readNorms(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read --norms ${path}`);
  }
}
