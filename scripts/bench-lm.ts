/**
 * Benchmarks of a user's own language model (issue 10), on models the project
 * generates (random weights; speed does not depend on their values):
 *
 *   1. The cut: the tiny test LM run whole (every layer and the LM head, as an
 *      unmodified export runs), whole but fetching only the residual (onnxruntime
 *      does not prune what the fetch does not need), and cut at the tap. The
 *      target: the cut saves at least the share of layers it removes.
 *   2. A Qwen2.5-0.5B-shaped int8 proxy (24 layers, hidden 896, 14/2 heads,
 *      intermediate 4864, dynamic int8 like onnx-community's `_quantized` files),
 *      cut at two-thirds depth as the product runs it: prefill throughput, the
 *      FLOP rate that implies, and from it the seconds per 1,000 assistant tokens.
 *
 *   npm run bench:lm -- [--runs N] [--tokens N] [--only cut|proxy] [--threads N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { onnx } from 'onnx-proto';
import type * as Ort from 'onnxruntime-node';
import { estimateCpuPeak } from '../src/core/model/cpu-peak';
import { disableOnnxTelemetry } from '../src/core/model/noTelemetry';
import { prepareLm, sessionOptionsFor } from '../src/core/lm/prepare';
import type { PreparedLm } from '../src/core/lm/types';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    tokens: { type: 'string', default: '128' },
    only: { type: 'string' },
    threads: { type: 'string', default: String(Math.min(4, cpus().length)) },
  },
});
const RUNS = Number(values.runs);
const TOKENS = Number(values.tokens);
const THREADS = Number(values.threads);

disableOnnxTelemetry();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the native runtime, loaded after telemetry is off
const ort = require('onnxruntime-node') as typeof Ort;

const work = mkdtempSync(join(tmpdir(), 'el-bench-lm-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function makeModel(name: string, args: string[]): string {
  const dir = join(work, name);
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/make-tiny-lm.ts', dir, ...args], { stdio: 'ignore' });
  return dir;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const OPTIONS: Ort.InferenceSession.SessionOptions = { intraOpNumThreads: THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential' };

function session(bytes: Uint8Array): Promise<Ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, OPTIONS);
}

/** The cut graph, loaded as the product loads it (its weights stay in the model folder). */
function cutSession(prepared: PreparedLm): Promise<Ort.InferenceSession> {
  return ort.InferenceSession.create(readFileSync(prepared.derivedPath), sessionOptionsFor(prepared, OPTIONS));
}

/** A prefill of `tokens` ids with an empty KV cache, fed to whatever inputs the graph has. */
function feeds(s: Ort.InferenceSession, kvHeads: number, headDim: number, tokens: number): Record<string, Ort.Tensor> {
  const ids = BigInt64Array.from({ length: tokens }, (_, i) => BigInt(3 + (i % 200)));
  const out: Record<string, Ort.Tensor> = {};
  for (const name of s.inputNames) {
    if (name === 'input_ids') out[name] = new ort.Tensor('int64', ids, [1, tokens]);
    else if (name === 'attention_mask') out[name] = new ort.Tensor('int64', new BigInt64Array(tokens).fill(1n), [1, tokens]);
    else if (name === 'position_ids') out[name] = new ort.Tensor('int64', BigInt64Array.from({ length: tokens }, (_, i) => BigInt(i)), [1, tokens]);
    else out[name] = new ort.Tensor('float32', new Float32Array(0), [1, kvHeads, 0, headDim]);
  }
  return out;
}

async function time(s: Ort.InferenceSession, input: Record<string, Ort.Tensor>, fetch: readonly string[], runs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await s.run(input, [...fetch]);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await s.run(input, [...fetch]);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** The original graph with the tap declared as one more output (as byo-lm.md describes). */
function withTapOutput(bytes: Uint8Array, tap: string): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  model.graph!.output!.push(onnx.ValueInfoProto.create({ name: tap }));
  return onnx.ModelProto.encode(model).finish();
}

async function benchCut(): Promise<void> {
  const dir = makeModel('tiny', []);
  const prepared = await prepareLm(dir, { cacheDir: join(work, 'cache') });
  const a = prepared.folder.architecture;
  const original = readFileSync(prepared.folder.onnxPath);
  const whole = await session(original);
  const tapped = await session(withTapOutput(original, prepared.tapName));
  const cut = await cutSession(prepared);
  const input = (s: Ort.InferenceSession) => feeds(s, a.kvHeads, a.headDim, TOKENS);
  // Interleave the three so machine noise falls on all of them alike.
  const rounds = 5;
  const t = { whole: [] as number[], tapOnly: [] as number[], cut: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    t.whole.push(await time(whole, input(whole), whole.outputNames, RUNS));
    t.tapOnly.push(await time(tapped, input(tapped), [prepared.tapName], RUNS));
    t.cut.push(await time(cut, input(cut), cut.outputNames, RUNS));
  }
  const m = { whole: median(t.whole), tapOnly: median(t.tapOnly), cut: median(t.cut) };
  const removed = 1 - (prepared.layer + 1) / a.layers;
  const saved = 1 - m.cut / m.whole;
  console.log(`cut (tiny LM: ${a.layers} layers, hidden ${a.hiddenSize}; prefill ${TOKENS} tokens, ${THREADS} threads, median of ${rounds}x${RUNS} runs)`);
  console.log(`  whole graph, every output        ${m.whole.toFixed(3)} ms`);
  console.log(`  whole graph, fetch only the tap  ${m.tapOnly.toFixed(3)} ms  (${(m.tapOnly / m.whole).toFixed(2)}x the whole graph: onnxruntime still runs the rest)`);
  console.log(`  cut at layer ${prepared.layer + 1} of ${a.layers}            ${m.cut.toFixed(3)} ms  (${(m.cut / m.whole).toFixed(2)}x; ${prepared.nodes.kept} of ${prepared.nodes.original} nodes)`);
  console.log(`  saved ${(saved * 100).toFixed(1)}% of the time; the cut removes ${(removed * 100).toFixed(1)}% of the layers (and the LM head): target ${saved >= removed ? 'met' : 'MISSED'}`);
  await Promise.all([whole.release(), tapped.release(), cut.release()]);
}

/** Multiply-add FLOPs per token of the kept layers (projections, MLP, attention at `context`). */
function flopsPerToken(p: PreparedLm, context: number): number {
  const a = p.folder.architecture;
  const q = a.heads * a.headDim;
  const kv = a.kvHeads * a.headDim;
  const perLayer = 2 * (a.hiddenSize * q + 2 * a.hiddenSize * kv + q * a.hiddenSize + 3 * a.hiddenSize * intermediate(p)) + 2 * 2 * context * q;
  return perLayer * (p.layer + 1);
}

function intermediate(p: PreparedLm): number {
  const config = JSON.parse(readFileSync(join(p.folder.dir, 'config.json'), 'utf8')) as { intermediate_size: number };
  return config.intermediate_size;
}

const QWEN05_SHAPE = ['--layers', '24', '--hidden', '896', '--heads', '14', '--kv-heads', '2', '--intermediate', '4864'];

/** Prefill throughput of a proxy cut at two-thirds depth; returns tokens/s. */
async function prefill(prepared: PreparedLm, chunk: number): Promise<{ ms: number; tokensPerSecond: number }> {
  const a = prepared.folder.architecture;
  const cut = await cutSession(prepared);
  const ms = await time(cut, feeds(cut, a.kvHeads, a.headDim, chunk), cut.outputNames, Math.max(3, Math.floor(RUNS / 5)));
  await cut.release();
  return { ms, tokensPerSecond: (chunk / ms) * 1000 };
}

async function benchProxy(): Promise<void> {
  const chunk = 256;
  const int8 = await prepareLm(makeModel('qwen05-int8', [...QWEN05_SHAPE, '--int8']), { cacheDir: join(work, 'cache') });
  const a = int8.folder.architecture;
  const q = await prefill(int8, chunk);
  // Mean attention context of a chunk read from an empty cache is half the chunk.
  const rate = (flopsPerToken(int8, chunk / 2) * q.tokensPerSecond) / 1e9;
  const peak = estimateCpuPeak();
  // A real session: completions read after ~2,000 tokens of context on average.
  const perThousand = (1000 * flopsPerToken(int8, 2000)) / (rate * 1e9);
  console.log(`\nQwen2.5-0.5B-shaped proxy (${a.layers} layers, hidden ${a.hiddenSize}, ${a.heads}/${a.kvHeads} heads, cut at layer ${int8.layer + 1}: ${int8.nodes.kept} of ${int8.nodes.original} nodes; ${THREADS} threads; prefill ${chunk} tokens, median)`);
  console.log(`  int8 (dynamic, as onnx-community _quantized): ${q.ms.toFixed(0)} ms = ${q.tokensPerSecond.toFixed(0)} tokens/s = ${(1000 / q.tokensPerSecond).toFixed(2)} s per 1,000 tokens`);
  const fp32 = await prepareLm(makeModel('qwen05-fp32', [...QWEN05_SHAPE, '--external-data']), { cacheDir: join(work, 'cache') });
  const f = await prefill(fp32, chunk);
  console.log(`  fp32, same shape, for comparison:             ${f.ms.toFixed(0)} ms = ${f.tokensPerSecond.toFixed(0)} tokens/s = ${(1000 / f.tokensPerSecond).toFixed(2)} s per 1,000 tokens (int8/fp32 time ${(q.ms / f.ms).toFixed(2)}x)`);
  console.log(`  ${(flopsPerToken(int8, chunk / 2) / 1e6).toFixed(0)} MFLOP per token in the kept layers -> measured int8 rate ${rate.toFixed(1)} GFLOP/s (fp32 peak of this CPU: ${peak.peakGflops.toFixed(1)} GFLOP/s, ${peak.formula})`);
  console.log(`  estimate for Qwen2.5-0.5B int8, completions read after ~2,000 tokens of context: ${(flopsPerToken(int8, 2000) / 1e6).toFixed(0)} MFLOP per token -> ${perThousand.toFixed(2)} s per 1,000 assistant tokens`);
}

async function main(): Promise<void> {
  if (!values.only || values.only === 'cut') await benchCut();
  if (!values.only || values.only === 'proxy') await benchProxy();
}

main().catch((error: unknown) => {
  console.error(`bench-lm: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
