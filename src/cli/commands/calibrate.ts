import { parseArgs } from 'node:util';
import { calibrateLocalModel } from '../../core/analysis/localCalibration';
import { localModelLabel } from '../../core/analysis/localModel';
import { loadCorpus } from '../../core/corpus/loadCorpus';
import { LmClient } from '../../core/lm/client';
import { Command, UsageError } from '../command';
import { defaultCacheDir, LM_WORKER, MODEL_OPTIONS, prepareChosen } from '../localModel';
import { formatValidation, reportFromReadings } from '../../core/analysis/validation';
import { CORPUS, readNorms } from './validate';
import { parseRecipe, type RecipeKind } from '../../core/emotions/recipe';
import { formatCandidates } from '../../core/emotions/candidateTable';

/**
 * Builds a local language model's 171 emotion vectors on this machine from the
 * corpus that ships with the tool, and measures them as `validate` does, from the
 * held-out readings the calibration made anyway (the texts are read once).
 */
export const command: Command = {
  name: 'calibrate',
  summary: 'Build emotion vectors for a local model on this machine',
  usage: 'emotion-lens calibrate --model DIR [--layer N] [--cache DIR] [--recipe lda|paper] [--norms CSV] [--corpus DIR] [--json]',
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, norms: { type: 'string' }, corpus: { type: 'string', default: CORPUS }, recipe: { type: 'string' }, ...MODEL_OPTIONS },
    });
    let recipes: RecipeKind[] | undefined;
    try {
      recipes = values.recipe === undefined ? undefined : [parseRecipe(values.recipe)];
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (values.model === undefined) {
      throw new UsageError('name the model folder with --model DIR (the embedded model\'s vectors ship with the tool; `npm run calibrate` rebuilds them from a source checkout)');
    }
    const normsText = values.norms === undefined ? undefined : await readNorms(values.norms);
    const cacheDir = values.cache ?? defaultCacheDir();
    const corpus = loadCorpus(values.corpus!);
    const prepared = await prepareChosen({ ...values, model: values.model });
    const started = Date.now();
    const client = await LmClient.open(prepared, { workerPath: LM_WORKER });
    let built;
    try {
      built = await calibrateLocalModel({
        prepared,
        reader: client,
        corpus,
        cacheDir,
        recipes,
        onProgress: (done, total) => {
          if (done % 250 === 0 || done === total) io.stderr(`calibrate: read ${done}/${total} texts\n`);
        },
      });
    } finally {
      await client.dispose();
    }
    const seconds = (Date.now() - started) / 1000;
    const report = reportFromReadings(built.heldout, built.file, localModelLabel(prepared), normsText);
    const summary = { vectors: built.path, bytes: built.bytes, seconds, layer: prepared.layer, candidates: built.candidates, reason: built.file.header.choice.reason };
    if (values.json) {
      io.stdout(JSON.stringify({ ...summary, validation: report }) + '\n');
    } else {
      io.stdout(`wrote ${built.path} (${(built.bytes / 1024).toFixed(0)} KB) in ${seconds.toFixed(1)} s\n${formatCandidates(built.candidates)}\n${built.file.header.choice.reason}\n\n${formatValidation(report)}`);
    }
    return 0;
  },
};
