/**
 * The model section of `emotion-lens bench`: the embedded USE-lite model in
 * onnxruntime-node against the TF.js original, on identical 128-token windows,
 * in one process, interleaved run by run (the order alternates so neither
 * runtime always runs on a warmer cache). Reports median time per window,
 * tokens/s, the TF.js/ONNX ratio per batch size, load times, peak RSS, and the
 * achieved GFLOP/s against this machine's estimated fp32 peak.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { estimateCpuPeak, type CpuPeak } from '../../core/model/cpu-peak';
import { flopsPerWindow } from '../../core/model/flops';
import { loadModelFiles } from '../../core/model/load';
import { sessionOptions, type RunnerOptions } from '../../core/model/onnx-runner';
import { UseLiteModel } from '../../core/model/use-lite';
import { planWindows } from '../../core/model/windows';
import { TfjsReference } from './tfjs-reference';

export interface ModelBenchOptions {
  modelDir: string;
  workerPath: string;
  /** Timed runs per runtime and batch size. */
  iterations: number;
  batchSizes: number[];
  runner: RunnerOptions;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface RuntimeTiming {
  medianMsPerWindow: number;
  p10MsPerWindow: number;
  p90MsPerWindow: number;
  tokensPerSecond: number;
  gflops: number;
  percentOfPeak: number;
}

export interface BatchResult {
  batch: number;
  onnx: RuntimeTiming;
  tfjs: RuntimeTiming | null;
  /** TF.js median / ONNX median, per window. */
  ratio: number | null;
}

export interface ModelBenchReport {
  model: string;
  windowTokens: number;
  flopsPerWindow: number;
  machine: CpuPeak;
  onnx: { runtime: string; sessionOptions: Record<string, unknown>; loadMs: number };
  tfjs: { backend: string; loadMs: number } | { unavailable: string };
  batches: BatchResult[];
  /** The fastest ONNX batch size, its speed-up over TF.js at the same batch size, and its share of peak. */
  best: { batch: number; medianMsPerWindow: number; ratio: number | null; gflops: number; percentOfPeak: number };
  /** End to end through the worker thread: tokenise, window, batch, stitch. */
  engine: { loadMs: number; text: string; tokens: number; windows: number; medianMs: number; msPerWindow: number; tokensPerSecond: number };
  /** Largest |ONNX - TF.js| over the final embeddings of every benchmarked window. */
  maxAbsDiffEmbedding: number | null;
  rssAfterOnnxLoadMb: number;
  peakRssMb: number;
  iterations: number;
}

/** Where the model and worker are, for the bundled CLI (dist/) and for running from source. */
export function defaultModelPaths(): { modelDir: string; workerPath: string } {
  const bundledWorker = join(__dirname, 'modelWorker.js');
  if (existsSync(bundledWorker)) return { modelDir: join(__dirname, 'model'), workerPath: bundledWorker };
  const root = resolve(__dirname, '..', '..', '..');
  return { modelDir: join(root, 'dist', 'model'), workerPath: join(root, 'src', 'core', 'model', 'worker.ts') };
}

/** Text the benchmark windows come from: prose, chat and code, written for this benchmark. */
export const BENCH_TEXT = [
  'The build failed again after the third attempt to fix the flaky integration test. I checked the logs,',
  'reran the suite with verbose output, and found that the database container starts after the tests do.',
  'Adding a readiness probe should help; if it does not, I will pin the image and retry with a longer timeout.',
  'User: can you explain why the cache returns stale entries? Assistant: the key ignores the locale, so two',
  'requests for different languages share an entry. Hashing the locale into the key fixes it, and a test',
  'that requests the same page in English and German would have caught it. function cacheKey(req) {',
  '  return `${req.path}?${req.query}#${req.locale}`;',
  '}',
  'TypeError: Cannot read properties of undefined (reading "length") at parseRows (src/table.ts:42:17)',
  'at processChunk (src/stream.ts:88:5) at async main (src/index.ts:12:3). I am sorry, this is my fault:',
  'the parser assumed every chunk ends on a line boundary. Honestly I feel bad about the time this cost you.',
  'Let me rewrite the loop so partial lines carry over to the next chunk, then add the failing case as a test.',
].join('\n');

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[idx] as number;
}

function timing(msPerWindow: number[], tokensPerWindow: number, flops: number, peak: number): RuntimeTiming {
  const s = [...msPerWindow].sort((a, b) => a - b);
  const med = quantile(s, 0.5);
  const gflops = flops / (med / 1000) / 1e9;
  return {
    medianMsPerWindow: round(med, 2),
    p10MsPerWindow: round(quantile(s, 0.1), 2),
    p90MsPerWindow: round(quantile(s, 0.9), 2),
    tokensPerSecond: Math.round((tokensPerWindow * 1000) / med),
    gflops: round(gflops, 1),
    percentOfPeak: round((100 * gflops) / peak, 1),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const mb = (kb: number): number => Math.round(kb / 1024);

export async function benchModel(opts: ModelBenchOptions): Promise<ModelBenchReport> {
  const log = opts.log ?? (() => undefined);
  const machine = estimateCpuPeak();

  log('loading the ONNX model');
  let t = performance.now();
  const onnx = await loadModelFiles(opts.modelDir, undefined, opts.runner);
  const onnxLoadMs = performance.now() - t;
  const rssAfterOnnxLoadMb = mb(process.resourceUsage().maxRSS);
  const W = onnx.manifest.maxPositions;
  const flops = flopsPerWindow(onnx.manifest.architecture, W);

  // Identical inputs for both runtimes: full 128-token windows of the benchmark text.
  const ids = onnx.tokenizer.encode(BENCH_TEXT.repeat(4));
  const windows = planWindows(ids.length, W, 0).map((w) => Int32Array.from(ids.slice(w.start, w.end)));

  log('loading the TF.js reference');
  let tfjs: TfjsReference | undefined;
  let tfjsInfo: ModelBenchReport['tfjs'];
  try {
    t = performance.now();
    tfjs = await TfjsReference.load();
    tfjsInfo = { backend: tfjs.backend, loadMs: Math.round(performance.now() - t) };
  } catch (err) {
    tfjsInfo = { unavailable: (err as Error).message };
  }

  const batches: BatchResult[] = [];
  let maxDiff: number | null = tfjs ? 0 : null;
  for (const B of opts.batchSizes) {
    const pick = (i: number): Int32Array[] => Array.from({ length: B }, (_, r) => windows[(i * B + r) % windows.length] as Int32Array);
    const onnxMs: number[] = [];
    const tfMs: number[] = [];
    const runOnnx = async (i: number, record: boolean): Promise<Float32Array[]> => {
      const s = performance.now();
      const out = await onnx.runner.run(pick(i));
      if (record) onnxMs.push((performance.now() - s) / B);
      return out.embedding;
    };
    const runTf = async (i: number, record: boolean): Promise<Float32Array | undefined> => {
      if (!tfjs) return undefined;
      const s = performance.now();
      const out = await tfjs.run(pick(i), ['embedding']);
      if (record) tfMs.push((performance.now() - s) / B);
      return out.embedding;
    };
    log(`batch ${B}: warming up`);
    for (let i = 0; i < 2; i++) {
      await runOnnx(i, false);
      await runTf(i, false);
    }
    log(`batch ${B}: ${opts.iterations} interleaved runs each`);
    for (let i = 0; i < opts.iterations; i++) {
      let mine: Float32Array[];
      let ref: Float32Array | undefined;
      if (i % 2 === 0) {
        mine = await runOnnx(i, true);
        ref = await runTf(i, true);
      } else {
        ref = await runTf(i, true);
        mine = await runOnnx(i, true);
      }
      if (ref && maxDiff !== null) {
        mine.forEach((row, r) => {
          for (let d = 0; d < row.length; d++) maxDiff = Math.max(maxDiff as number, Math.abs((row[d] as number) - (ref[r * row.length + d] as number)));
        });
      }
    }
    const onnxTiming = timing(onnxMs, W, flops, machine.peakGflops);
    const tfTiming = tfjs ? timing(tfMs, W, flops, machine.peakGflops) : null;
    batches.push({
      batch: B,
      onnx: onnxTiming,
      tfjs: tfTiming,
      ratio: tfTiming ? round(tfTiming.medianMsPerWindow / onnxTiming.medianMsPerWindow, 1) : null,
    });
  }
  await onnx.runner.release();

  log('engine: end to end through the worker thread');
  const engine = new UseLiteModel({ modelDir: opts.modelDir, workerPath: opts.workerPath, runner: opts.runner });
  let engineReport: ModelBenchReport['engine'];
  try {
    const loadStart = performance.now();
    await engine.load();
    const engineLoadMs = performance.now() - loadStart;
    const text = BENCH_TEXT.repeat(16);
    const runs: number[] = [];
    let tokens = 0;
    let nWindows = 0;
    for (let i = 0; i < 4; i++) {
      const s = performance.now();
      const a = await engine.activations(text);
      if (i > 0) runs.push(performance.now() - s);
      tokens = a.tokens.length;
      nWindows = a.windows;
    }
    const med = quantile([...runs].sort((a, b) => a - b), 0.5);
    engineReport = {
      loadMs: Math.round(engineLoadMs),
      text: `the benchmark text x16 (${text.length} characters)`,
      tokens,
      windows: nWindows,
      medianMs: round(med, 1),
      msPerWindow: round(med / nWindows, 2),
      tokensPerSecond: Math.round((tokens * 1000) / med),
    };
  } finally {
    await engine.dispose();
  }

  const best = [...batches].sort((a, b) => a.onnx.medianMsPerWindow - b.onnx.medianMsPerWindow)[0] as BatchResult;
  const opt = sessionOptions(opts.runner);
  return {
    model: `${onnx.manifest.modelId} (${onnx.manifest.sourcePackage}@${onnx.manifest.sourceVersion})`,
    windowTokens: W,
    flopsPerWindow: flops,
    machine,
    onnx: {
      runtime: 'onnxruntime-node (CPU)',
      sessionOptions: {
        graphOptimizationLevel: opt.graphOptimizationLevel,
        intraOpNumThreads: opt.intraOpNumThreads,
        interOpNumThreads: opt.interOpNumThreads,
        executionMode: opt.executionMode,
        enableMemPattern: opt.enableMemPattern,
        allowSpinning: opts.runner.spinning ?? false,
      },
      loadMs: Math.round(onnxLoadMs),
    },
    tfjs: tfjsInfo,
    batches,
    best: {
      batch: best.batch,
      medianMsPerWindow: best.onnx.medianMsPerWindow,
      ratio: best.ratio,
      gflops: best.onnx.gflops,
      percentOfPeak: best.onnx.percentOfPeak,
    },
    engine: engineReport,
    maxAbsDiffEmbedding: maxDiff,
    rssAfterOnnxLoadMb,
    peakRssMb: mb(process.resourceUsage().maxRSS),
    iterations: opts.iterations,
  };
}

/** Says which runtime won, so a noisy run where TF.js wins is printed as that rather than as "0.9x faster". */
function versusTfjs(ratio: number): string {
  return ratio >= 1 ? `${ratio}x faster than TF.js` : `${Math.round(10 / ratio) / 10}x slower than TF.js`;
}

export function formatModelBench(r: ModelBenchReport): string {
  const lines = [
    `Model: ${r.model}, ${r.windowTokens}-token windows, ${(r.flopsPerWindow / 1e9).toFixed(3)} GFLOP per window`,
    `Machine: ${r.machine.model}, peak ${r.machine.peakGflops} GFLOP/s fp32 (${r.machine.formula})`,
    `ONNX load ${r.onnx.loadMs} ms; ` + ('backend' in r.tfjs ? `TF.js (${r.tfjs.backend}) load ${r.tfjs.loadMs} ms` : `TF.js unavailable: ${r.tfjs.unavailable}`),
    '',
    'batch  ONNX ms/window  tokens/s  GFLOP/s  %peak   TF.js ms/window  tokens/s  TF.js/ONNX',
  ];
  for (const b of r.batches) {
    lines.push(
      `${String(b.batch).padStart(5)}  ${b.onnx.medianMsPerWindow.toFixed(2).padStart(14)}  ${String(b.onnx.tokensPerSecond).padStart(8)}  ${b.onnx.gflops.toFixed(1).padStart(7)}  ${b.onnx.percentOfPeak.toFixed(1).padStart(5)}` +
        (b.tfjs ? `   ${b.tfjs.medianMsPerWindow.toFixed(2).padStart(15)}  ${String(b.tfjs.tokensPerSecond).padStart(8)}  ${String(b.ratio).padStart(9)}x` : ''),
    );
  }
  lines.push(
    '',
    `Best ONNX: batch ${r.best.batch}, ${r.best.medianMsPerWindow} ms/window, ${r.best.gflops} GFLOP/s (${r.best.percentOfPeak}% of peak)` +
      (r.best.ratio !== null ? `, ${versusTfjs(r.best.ratio)}` : ''),
    `Engine (worker, end to end; started and loaded in ${r.engine.loadMs} ms): ${r.engine.tokens} tokens in ${r.engine.windows} windows, ${r.engine.medianMs} ms (${r.engine.msPerWindow} ms/window, ${r.engine.tokensPerSecond} tokens/s)`,
    `Max |ONNX - TF.js| on embeddings: ${r.maxAbsDiffEmbedding === null ? 'n/a' : r.maxAbsDiffEmbedding.toExponential(2)}`,
    `RSS: ${r.rssAfterOnnxLoadMb} MB after the ONNX load, peak ${r.peakRssMb} MB (both runtimes in one process)`,
  );
  return `${lines.join('\n')}\n`;
}
