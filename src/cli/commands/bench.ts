/**
 * `emotion-lens bench`: benchmarks. The model section (USE-lite in ONNX vs the
 * TF.js original) lives in src/cli/bench/model.ts; later sections add theirs to
 * the same report object.
 */
import { parseArgs } from 'node:util';
import { Command, UsageError } from '../command';
import { benchModel, defaultModelPaths, formatModelBench } from '../bench/model';

const USAGE =
  'emotion-lens bench [--json] [--iterations N] [--batch 1,4] [--threads N] [--spinning] [--model-dir DIR] [--worker FILE]';

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive integer, got '${value}'`);
  return n;
}

export const command: Command = {
  name: 'bench',
  summary: 'Benchmark the model (ONNX vs TF.js) and the pipeline',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        iterations: { type: 'string' },
        batch: { type: 'string' },
        threads: { type: 'string' },
        spinning: { type: 'boolean' },
        'model-dir': { type: 'string' },
        worker: { type: 'string' },
      },
      allowPositionals: false,
    });
    const paths = defaultModelPaths();
    const batchSizes = (values.batch ?? '1,4').split(',').map((b) => positiveInt(b.trim(), '--batch'));
    const report = await benchModel({
      modelDir: values['model-dir'] ?? paths.modelDir,
      workerPath: values.worker ?? paths.workerPath,
      iterations: values.iterations === undefined ? 15 : positiveInt(values.iterations, '--iterations'),
      batchSizes,
      runner: {
        ...(values.threads === undefined ? {} : { threads: positiveInt(values.threads, '--threads') }),
        spinning: values.spinning ?? false,
      },
      log: (line) => io.stderr(`bench: ${line}\n`),
    });
    if (values.json) io.stdout(`${JSON.stringify({ model: report }, null, 2)}\n`);
    else io.stdout(formatModelBench(report));
    return 0;
  },
};
