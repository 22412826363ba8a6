/**
 * `emotion-lens bench`: benchmarks that print figures, never pass/fail.
 *   model     USE-lite in onnxruntime against the TF.js original, interleaved on the same windows
 *   sessions  transcript parse throughput, appended line -> event, idle CPU with 1,000 files
 *   append    appended line -> event for four file-based stores found by the default roots, several runs
 *   pipeline  backfill of 1,000 completions; append -> reading and append -> alert, live
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../core/corpus/loadCorpus';
import { runSessionsBench } from '../../core/sessions/bench';
import { runAppendBench } from '../../core/sessions/benchAppend';
import { benchModel, defaultModelPaths, formatModelBench } from '../bench/model';
import { benchPipeline } from '../bench/pipeline';
import { numberOption } from '../args';
import { Command, UsageError } from '../command';
import { openEmbedded } from '../embedded';

const SECTIONS = ['model', 'sessions', 'append', 'pipeline'] as const;
type Section = (typeof SECTIONS)[number];

const USAGE =
  'emotion-lens bench [--json] [--only model,sessions,append,pipeline] [--iterations N] [--batch 1,4] [--threads N] [--spinning] [--model-dir DIR] [--worker FILE]';

const positiveInt = (value: string, flag: string): number => numberOption(flag, value, { integer: true, min: 1 });

export const command: Command = {
  name: 'bench',
  summary: 'Benchmark the model (ONNX vs TF.js), session parsing and the live pipeline',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        only: { type: 'string' },
        iterations: { type: 'string' },
        batch: { type: 'string' },
        threads: { type: 'string' },
        spinning: { type: 'boolean' },
        'model-dir': { type: 'string' },
        worker: { type: 'string' },
      },
      allowPositionals: false,
    });
    const only = (values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim());
    const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
    const wanted = (s: Section) => only.includes(s);
    const log = (line: string) => io.stderr(`bench: ${line}\n`);
    const report: Record<string, unknown> = {};

    if (wanted('model')) {
      const paths = defaultModelPaths();
      const batchSizes = (values.batch ?? '1,4').split(',').map((b) => positiveInt(b.trim(), '--batch'));
      const model = await benchModel({
        modelDir: values['model-dir'] ?? paths.modelDir,
        workerPath: values.worker ?? paths.workerPath,
        iterations: values.iterations === undefined ? 15 : positiveInt(values.iterations, '--iterations'),
        batchSizes,
        runner: {
          ...(values.threads === undefined ? {} : { threads: positiveInt(values.threads, '--threads') }),
          spinning: values.spinning ?? false,
        },
        log,
      });
      report.model = model;
      if (!values.json) io.stdout(formatModelBench(model));
    }
    if (wanted('sessions')) {
      report.sessions = await runSessionsBench({ print: values.json ? log : (line) => io.stdout(`${line}\n`) });
    }
    if (wanted('append')) {
      report.append = await runAppendBench({ print: values.json ? log : (line) => io.stdout(`${line}\n`) });
    }
    if (wanted('pipeline')) {
      const { model, scorer } = await openEmbedded();
      try {
        const corpus = loadCorpus(join(__dirname, '..', 'media', 'corpus'));
        const texts = corpus.entries.filter((e) => e.kind === 'assistant').map((e) => e.text);
        const figures = await benchPipeline({ scorer, texts, samplePath: join(__dirname, '..', 'media', 'samples', 'desperate-loop.jsonl'), log });
        report.pipeline = figures;
        if (!values.json) {
          const b = figures.backfill;
          io.stdout(
            [
              `Backfill: ${b.completions} completions read, scored and monitored in ${b.seconds.toFixed(1)} s (${b.completionsPerSecond.toFixed(0)}/s); ` +
                `${b.firstHalfMsPerCompletion.toFixed(1)} ms per completion in the first half, ${b.secondHalfMsPerCompletion.toFixed(1)} ms in the second`,
              `Append -> reading: median ${figures.appendToReading.median} ms, p95 ${figures.appendToReading.p95} ms, max ${figures.appendToReading.max} ms (${figures.appendToReading.samples} completions)`,
              `Append -> alert: median ${figures.appendToAlert.median} ms, p95 ${figures.appendToAlert.p95} ms (${figures.appendToAlert.samples} live runs)`,
              '',
            ].join('\n'),
          );
        }
      } finally {
        await model.dispose();
      }
    }
    if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
