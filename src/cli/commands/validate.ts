import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../core/corpus/loadCorpus';
import { Command, UsageError } from '../command';
import { MODEL_OPTIONS, MODEL_USAGE, openChosenScorer } from '../localModel';
import { formatValidation, validationReport } from '../../core/analysis/validation';
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
  usage: `emotion-lens validate [--json] [--norms CSV] [--corpus DIR] ${MODEL_USAGE}\n       emotion-lens validate --tamper DIR [--json]`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, norms: { type: 'string' }, corpus: { type: 'string', default: CORPUS }, tamper: { type: 'string' }, ...MODEL_OPTIONS },
    });
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

export async function readNorms(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read --norms ${path}`);
  }
}
