/**
 * Writes the project's tiny test language model (random weights, Qwen2-shaped, Optimum
 * ONNX layout, byte-level BPE tokenizer, ChatML template) to OUT_DIR.
 *
 *   npm run make:tiny-lm -- OUT_DIR [--layers N] [--hidden N] [--heads N] [--kv-heads N]
 *     [--intermediate N] [--seed N] [--merges N] [--external-data]
 *     [--dtype fp32|fp16] [--layout single|merged] [--int8] [--file NAME.onnx]
 *
 * Same options -> byte-identical files. Bad options -> a message and exit code 2.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { DEFAULT_OPTIONS, optionsProblem, writeTinyLm, type TinyLmOptions } from './lib/tinyLm/generate';

const USAGE = `usage: make-tiny-lm OUT_DIR [--layers N] [--hidden N] [--heads N] [--kv-heads N] [--intermediate N]
       [--seed N] [--merges N] [--external-data] [--dtype fp32|fp16] [--layout single|merged] [--int8] [--file NAME.onnx]`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer (got "${value}")`);
  return Number(value);
}

function parse(argv: string[]): { dir: string; options: TinyLmOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        layers: { type: 'string' },
        hidden: { type: 'string' },
        heads: { type: 'string' },
        'kv-heads': { type: 'string' },
        intermediate: { type: 'string' },
        seed: { type: 'string' },
        merges: { type: 'string' },
        dtype: { type: 'string' },
        layout: { type: 'string' },
        int8: { type: 'boolean' },
        'external-data': { type: 'boolean' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the output folder' : `one output folder expected, got ${positionals.join(' ')}`);
  const d = DEFAULT_OPTIONS;
  const dtype = values.dtype ?? d.dtype;
  if (dtype !== 'fp32' && dtype !== 'fp16') throw new UsageError(`--dtype must be fp32 or fp16 (got "${dtype}")`);
  const layout = values.layout ?? d.layout;
  if (layout !== 'single' && layout !== 'merged') throw new UsageError(`--layout must be single or merged (got "${layout}")`);
  const options: TinyLmOptions = {
    layers: integer('layers', values.layers, d.layers),
    hidden: integer('hidden', values.hidden, d.hidden),
    heads: integer('heads', values.heads, d.heads),
    kvHeads: integer('kv-heads', values['kv-heads'], d.kvHeads),
    intermediate: integer('intermediate', values.intermediate, d.intermediate),
    seed: integer('seed', values.seed, d.seed),
    merges: integer('merges', values.merges, d.merges),
    dtype,
    layout,
    int8: values.int8 ?? false,
    externalData: values['external-data'] ?? false,
    file: values.file,
  };
  const problem = optionsProblem(options);
  if (problem) throw new UsageError(problem);
  return { dir: positionals[0] as string, options };
}

function mib(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function main(): void {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`make-tiny-lm: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  let result;
  try {
    result = writeTinyLm(args.dir, args.options, join(__dirname, '..', 'media', 'corpus', 'emotions'));
  } catch (err) {
    console.error(`make-tiny-lm: could not write ${args.dir}: ${(err as Error).message}`);
    process.exit(1);
  }
  const seconds = (performance.now() - started) / 1000;
  const s = result.shape;
  console.log(`Wrote the tiny LM (random weights) to ${result.dir} in ${seconds.toFixed(2)} s:`);
  for (const f of result.files) console.log(`  ${f.name.padEnd(32)} ${mib(f.bytes).padStart(11)}`);
  console.log(`  ${s.layers} layers, hidden ${s.hidden}, heads ${s.heads}/${s.kvHeads} kv, head_dim ${s.headDim}, intermediate ${s.intermediate}, vocab ${result.vocab}`);
  console.log(`  parameters: ${result.parameters.toLocaleString('en-US')}`);
}

main();
