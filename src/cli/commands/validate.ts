import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../core/corpus/loadCorpus';
import { Command, UsageError } from '../command';
import { MODEL_OPTIONS, MODEL_USAGE, openChosenScorer } from '../localModel';
import { formatValidation, validationReport } from '../../core/analysis/validation';
import { formatShortLines, shortLinesReport } from '../../core/analysis/shortLines';

export const CORPUS = join(__dirname, '..', 'media', 'corpus');

/**
 * Measures a model's vectors on the corpus's held-out split (never used to build
 * them) and their geometry; with --norms, against human valence/arousal ratings.
 * With --short FILE, how short neutral lines (one a line) read instead: the share
 * read beyond |z| 2 on an emotion plotted by default.
 */
export const command: Command = {
  name: 'validate',
  summary: 'Measure the vectors on the held-out corpus',
  usage: `emotion-lens validate [--json] [--norms CSV] [--corpus DIR] [--short FILE] ${MODEL_USAGE}`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, norms: { type: 'string' }, corpus: { type: 'string', default: CORPUS }, short: { type: 'string' }, ...MODEL_OPTIONS },
    });
    if (values.short !== undefined) {
      let text: string;
      try {
        text = await readFile(values.short, 'utf8');
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
