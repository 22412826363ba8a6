/**
 * Writes the tiny LM's folder: the ONNX graph (optionally with external data), config.json,
 * generation_config.json, tokenizer.json, tokenizer_config.json and README.md.
 * Same options (and the same corpus) -> byte-identical files.
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel, externalize } from './onnxGraph';
import { buildModel, type Layout } from './model';
import { buildTokenizer, corpusTexts, trainMerges, type BuiltTokenizer } from './tokenizer';
import { configJson, generationConfigJson, readme, tokenizerConfigJson } from './hfFiles';
import type { LmShape } from './decoder';

export interface TinyLmOptions {
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  intermediate: number;
  seed: number;
  merges: number;
  dtype: 'fp32' | 'fp16';
  layout: Layout;
  int8: boolean;
  externalData: boolean;
  /** Graph file name; default model.onnx, model_fp16.onnx, model_int8.onnx or decoder_model_merged.onnx. */
  file?: string;
}

export const DEFAULT_OPTIONS: TinyLmOptions = {
  layers: 4,
  hidden: 64,
  heads: 4,
  kvHeads: 2,
  intermediate: 128,
  seed: 1,
  merges: 400,
  dtype: 'fp32',
  layout: 'single',
  int8: false,
  externalData: false,
};

/** Why these options cannot make a model, or undefined when they can. */
export function optionsProblem(o: TinyLmOptions): string | undefined {
  const positive = ['layers', 'hidden', 'heads', 'kvHeads', 'intermediate'] as const;
  for (const k of positive) {
    if (!Number.isInteger(o[k]) || o[k] < 1) return `--${k === 'kvHeads' ? 'kv-heads' : k} must be a positive integer (got ${o[k]})`;
  }
  if (!Number.isInteger(o.merges) || o.merges < 0) return `--merges must be a non-negative integer (got ${o.merges})`;
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) return `--seed must be an integer from 0 to 4294967295 (got ${o.seed})`;
  if (o.hidden % o.heads !== 0) return `--hidden (${o.hidden}) must be a multiple of --heads (${o.heads})`;
  if ((o.hidden / o.heads) % 2 !== 0) return `the head size (--hidden / --heads = ${o.hidden / o.heads}) must be even for rotary embeddings`;
  if (o.heads % o.kvHeads !== 0) return `--heads (${o.heads}) must be a multiple of --kv-heads (${o.kvHeads})`;
  if (o.int8 && o.dtype === 'fp16') return '--int8 quantizes fp32 weights; it cannot be combined with --dtype fp16';
  if (o.file !== undefined && (!o.file.endsWith('.onnx') || /[\\/]/.test(o.file))) return `--file must be a plain file name ending in .onnx (got ${o.file})`;
  return undefined;
}

export function graphFileName(o: TinyLmOptions): string {
  if (o.file) return o.file;
  if (o.layout === 'merged') return o.dtype === 'fp16' ? 'decoder_model_merged_fp16.onnx' : o.int8 ? 'decoder_model_merged_int8.onnx' : 'decoder_model_merged.onnx';
  return o.dtype === 'fp16' ? 'model_fp16.onnx' : o.int8 ? 'model_int8.onnx' : 'model.onnx';
}

export interface WrittenFile {
  name: string;
  bytes: number;
}

export interface TinyLmResult {
  dir: string;
  files: WrittenFile[];
  parameters: number;
  vocab: number;
  shape: LmShape;
}

const tokenizerCache = new Map<string, BuiltTokenizer>();

/** The tokenizer trained on the corpus in `corpusDir` (cached per process: training is the same each time). */
export function tinyTokenizer(corpusDir: string, merges: number): BuiltTokenizer {
  const key = `${corpusDir}\n${merges}`;
  let tok = tokenizerCache.get(key);
  if (!tok) {
    tok = buildTokenizer(trainMerges(corpusTexts(corpusDir), merges));
    tokenizerCache.set(key, tok);
  }
  return tok;
}

/** The options as a command line (without the output folder, so the README is the same wherever it is written). */
export function commandLine(o: TinyLmOptions): string {
  const parts = ['npm run make:tiny-lm -- OUT_DIR', `--layers ${o.layers}`, `--hidden ${o.hidden}`, `--heads ${o.heads}`, `--kv-heads ${o.kvHeads}`,
    `--intermediate ${o.intermediate}`, `--seed ${o.seed}`, `--merges ${o.merges}`];
  if (o.dtype !== 'fp32') parts.push(`--dtype ${o.dtype}`);
  if (o.layout !== 'single') parts.push(`--layout ${o.layout}`);
  if (o.int8) parts.push('--int8');
  if (o.externalData) parts.push('--external-data');
  if (o.file) parts.push(`--file ${o.file}`);
  return parts.join(' ');
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function writeTinyLm(dir: string, o: TinyLmOptions, corpusDir: string): TinyLmResult {
  const problem = optionsProblem(o);
  if (problem) throw new Error(problem);
  const tok = tinyTokenizer(corpusDir, o.merges);
  const shape: LmShape = {
    layers: o.layers,
    hidden: o.hidden,
    heads: o.heads,
    kvHeads: o.kvHeads,
    headDim: o.hidden / o.heads,
    intermediate: o.intermediate,
    vocab: tok.size,
    ropeTheta: 1000000,
    rmsEps: 1e-6,
  };
  const dtype = o.dtype === 'fp16' ? 'float16' : 'float32';
  const { model, parameters } = buildModel(shape, { seed: o.seed, dtype, int8: o.int8 }, o.layout, '1');

  mkdirSync(dir, { recursive: true });
  const graphFile = graphFileName(o);
  const names: string[] = [];
  const write = (name: string, data: string | Uint8Array): void => {
    writeFileSync(join(dir, name), data);
    names.push(name);
  };
  if (o.externalData) {
    const dataFile = `${graphFile}_data`;
    const chunks = externalize(model, dataFile);
    const fd = openSync(join(dir, dataFile), 'w');
    try {
      for (const c of chunks) writeSync(fd, c);
    } finally {
      closeSync(fd);
    }
    write(graphFile, encodeModel(model));
    names.push(dataFile);
  } else {
    write(graphFile, encodeModel(model));
  }
  const variant = [o.layout === 'merged' ? 'merged layout' : 'single-file layout', o.int8 ? 'int8 weights' : dtype, o.externalData ? 'external data' : ''].filter(Boolean).join(', ');
  const summary = `${o.layers} layers, hidden ${o.hidden}, ${o.heads} heads, ${o.kvHeads} kv heads, intermediate ${o.intermediate}, vocab ${tok.size}; ${variant}; seed ${o.seed}.`;
  write('config.json', json(configJson(shape, tok, dtype)));
  write('generation_config.json', json(generationConfigJson(tok)));
  write('tokenizer.json', json(tok.json));
  write('tokenizer_config.json', json(tokenizerConfigJson(tok)));
  write('README.md', readme(summary, commandLine(o)));
  return { dir, files: names.map((name) => ({ name, bytes: statSync(join(dir, name)).size })), parameters, vocab: tok.size, shape };
}
