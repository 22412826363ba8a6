/**
 * The small files of a model folder: which ONNX graph to use, config.json as an
 * architecture, the tokenizer files and the chat template. Each problem is an
 * LmFolderError that names the file and the fix. Only reads.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { LmArchitecture } from './types';
import { LmFolderError } from './folderError';

/**
 * Graph file names in order of preference. fp32 first (activations are read as
 * they are computed), then 8-bit, then 4-bit. fp16 files are never picked: fp16 does
 * not run well on CPU and its activations are not the fp32 ones.
 */
const PREFERRED_GRAPHS = [
  'model.onnx',
  'decoder_with_past_model.onnx',
  'model_int8.onnx',
  'model_quantized.onnx',
  'model_uint8.onnx',
  'model_q4.onnx',
  'model_bnb4.onnx',
];
const FP16_GRAPH = /(^|_)(fp16|q4f16|f16)\.onnx$/;
const MERGED_GRAPH = /^decoder_model_merged(_[a-z0-9]+)?\.onnx$/;
/** Optimum's no-cache decoder: cannot carry a conversation's KV cache. Picked only when it is all there is. */
const NO_CACHE_GRAPH = /^decoder_model(_[a-z0-9]+)?\.onnx$/;

export const REEXPORT_HINT =
  're-export the model with `optimum-cli export onnx --model <repo> --task text-generation-with-past <dir>` (one model.onnx), ' +
  'or download a repository that ships onnx/model.onnx (fp32) or onnx/model_int8.onnx / model_quantized.onnx';

export interface GraphChoice {
  /** Absolute path of the graph to use. */
  path: string;
  /** Other graph files that were there and not picked (relative to the folder). */
  alternatives: string[];
}

async function onnxFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.onnx'))
      .map((e) => join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** Picks the graph: the folder itself first, then its `onnx/` subfolder (the Hugging Face repository layout). */
export async function pickGraph(dir: string): Promise<GraphChoice> {
  const found = [...(await onnxFilesIn(dir)), ...(await onnxFilesIn(join(dir, 'onnx')))];
  const rel = (p: string) => relative(dir, p);
  if (found.length === 0) {
    throw new LmFolderError('no-graph', `No .onnx file in ${dir} or in its onnx/ subfolder.`,
      `point at the folder that holds the model's model.onnx (and model.onnx_data, if it has one); ${REEXPORT_HINT}.`);
  }
  const chosen = (path: string): GraphChoice => ({ path, alternatives: found.filter((p) => p !== path).map(rel) });
  for (const name of PREFERRED_GRAPHS) {
    const hit = found.find((p) => basename(p) === name);
    if (hit) return chosen(hit);
  }
  const usable = found.filter((p) => !FP16_GRAPH.test(basename(p)) && !MERGED_GRAPH.test(basename(p)));
  const withCache = usable.filter((p) => !NO_CACHE_GRAPH.test(basename(p)));
  if (withCache.length === 1) return chosen(withCache[0] as string);
  if (withCache.length > 1) {
    throw new LmFolderError('ambiguous-graph', `${dir} holds several ONNX graphs (${withCache.map(rel).join(', ')}) and none has a standard name.`,
      'keep only the graph to use in the folder, or rename it to model.onnx.');
  }
  if (usable.length > 0) return chosen(usable[0] as string);
  const fp16 = found.filter((p) => FP16_GRAPH.test(basename(p)));
  if (fp16.length > 0 && fp16.length === found.length) {
    throw new LmFolderError('fp16', `The only graph${fp16.length > 1 ? 's' : ''} in ${dir} (${fp16.map(rel).join(', ')}) ${fp16.length > 1 ? 'are' : 'is'} fp16. fp16 does not run well on CPU and distorts the activations this extension reads.`,
      'use the fp32 export (model.onnx) or an int8 one (model_int8.onnx / model_quantized.onnx) of the same model.');
  }
  const merged = found.filter((p) => MERGED_GRAPH.test(basename(p)));
  throw new LmFolderError('merged-layout', `${merged.map(rel).join(', ')} ${merged.length > 1 ? 'use' : 'uses'} Optimum's merged decoder layout (a use_cache_branch input and an If node), which cannot be cut at a layer.`,
    `use the non-merged decoder_with_past_model.onnx or model.onnx of the same model if the repository has one; otherwise ${REEXPORT_HINT}.`);
}

type Json = Record<string, unknown>;

/** Reads a JSON object; a missing file throws `missing()`, or gives undefined when there is no `missing`. */
async function readJson(path: string, what: string, missing: () => LmFolderError): Promise<Json>;
async function readJson(path: string, what: string, missing: null): Promise<Json | undefined>;
async function readJson(path: string, what: string, missing: (() => LmFolderError) | null): Promise<Json | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    if (missing) throw missing();
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch {
    // reported below
  }
  throw new LmFolderError(what === 'config.json' ? 'bad-config' : 'bad-tokenizer', `${path} is not a valid JSON object (an incomplete download?).`,
    `copy ${what} again from the model's repository, at the same revision as the graph.`);
}

export async function readConfig(dir: string): Promise<Json> {
  return readJson(join(dir, 'config.json'), 'config.json', () => new LmFolderError('no-config', `No config.json in ${dir}: the model's architecture (layers, hidden size, heads) is unknown.`,
    "copy config.json from the model's repository (the same one the ONNX graph comes from) into the folder."));
}

export async function readTokenizer(dir: string): Promise<{ tokenizerJson: Json; tokenizerConfig: Json | undefined }> {
  const tokenizerJson = await readJson(join(dir, 'tokenizer.json'), 'tokenizer.json', () => new LmFolderError('no-tokenizer', `No tokenizer.json in ${dir}: the text cannot be turned into the model's tokens.`,
    "copy tokenizer.json from the model's repository into the folder (older repositories that only have vocab.json/merges.txt or tokenizer.model need a tokenizer.json saved with Hugging Face tokenizers: `AutoTokenizer.from_pretrained(repo).save_pretrained(dir)`)."));
  if (!tokenizerJson.model || typeof tokenizerJson.model !== 'object') {
    throw new LmFolderError('bad-tokenizer', `${join(dir, 'tokenizer.json')} has no "model" section: it is not a Hugging Face tokenizers file.`,
      "copy tokenizer.json from the model's repository into the folder.");
  }
  // Optional: it mostly carries the chat template, which may also be a file of its own.
  const tokenizerConfig = await readJson(join(dir, 'tokenizer_config.json'), 'tokenizer_config.json', null);
  return { tokenizerJson, tokenizerConfig };
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** config.json -> our architecture record. Multimodal configs keep the language model under `text_config`. */
export function architectureFrom(config: Json, path: string): LmArchitecture {
  const text = config.text_config && typeof config.text_config === 'object' && positiveInt(config.num_hidden_layers) === undefined
    ? config.text_config as Json
    : config;
  const pick = (...keys: string[]): number | undefined => {
    for (const k of keys) {
      const v = positiveInt(text[k]);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const need = (label: string, ...keys: string[]): number => {
    const v = pick(...keys);
    if (v === undefined) {
      throw new LmFolderError('bad-config', `${path} has no ${label} (looked for ${keys.join(', ')}).`,
        "copy config.json from the model's repository, at the same revision as the graph.");
    }
    return v;
  };
  const layers = need('layer count', 'num_hidden_layers', 'n_layer', 'num_layers');
  const hiddenSize = need('hidden size', 'hidden_size', 'n_embd', 'd_model');
  const heads = need('attention head count', 'num_attention_heads', 'n_head');
  const kvHeads = pick('num_key_value_heads', 'num_kv_heads') ?? heads;
  const headDim = pick('head_dim') ?? Math.floor(hiddenSize / heads);
  const vocabSize = need('vocabulary size', 'vocab_size');
  const maxPositions = pick('max_position_embeddings', 'n_positions');
  const modelType = typeof text.model_type === 'string' ? text.model_type : typeof config.model_type === 'string' ? config.model_type : 'unknown';
  return { modelType, layers, hiddenSize, heads, kvHeads, headDim, vocabSize, ...(maxPositions !== undefined ? { maxPositions } : {}) };
}

export interface ChatTemplate {
  text: string;
  /** Where it came from, for messages and the model's identity. */
  source: 'chat_template.jinja' | 'chat_template.json' | 'tokenizer_config.json';
}

/** A template value as Hugging Face stores it: a string, or a list of named templates (use "default"). */
function templateText(value: unknown, where: string): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (!Array.isArray(value)) return undefined;
  const named = value.filter((t): t is { name: string; template: string } =>
    !!t && typeof t === 'object' && typeof (t as Json).name === 'string' && typeof (t as Json).template === 'string');
  const chosen = named.find((t) => t.name === 'default');
  if (!chosen) {
    throw new LmFolderError('no-chat-template', `${where} lists chat templates (${named.map((t) => t.name).join(', ') || 'none readable'}) but none is named "default".`,
      'add a chat_template.jinja file with the template to use for conversations.');
  }
  return chosen.template;
}

/**
 * The chat template. A separate file wins over tokenizer_config.json's
 * `chat_template`, as in transformers: newer exports move the template out of
 * tokenizer_config.json into chat_template.jinja.
 */
export async function readChatTemplate(dir: string, tokenizerConfig: Json | undefined): Promise<ChatTemplate> {
  try {
    const text = await readFile(join(dir, 'chat_template.jinja'), 'utf8');
    if (text.trim() !== '') return { text, source: 'chat_template.jinja' };
  } catch {
    // not there: try the next place
  }
  try {
    const json = JSON.parse(await readFile(join(dir, 'chat_template.json'), 'utf8')) as Json;
    const text = templateText(json.chat_template, join(dir, 'chat_template.json'));
    if (text) return { text, source: 'chat_template.json' };
  } catch (e) {
    if (e instanceof LmFolderError) throw e;
  }
  const text = templateText(tokenizerConfig?.chat_template, join(dir, 'tokenizer_config.json'));
  if (text) return { text, source: 'tokenizer_config.json' };
  throw new LmFolderError('no-chat-template',
    `No chat template in ${dir}: ${tokenizerConfig ? 'tokenizer_config.json has no "chat_template"' : 'there is no tokenizer_config.json'} and there is no chat_template.jinja. ` +
    'Sessions are read as conversations, rendered with the model\'s own template.',
    "copy tokenizer_config.json (and chat_template.jinja, if the repository has one) from the model's repository; a base model without a chat template will not do: use its -Instruct/-Chat variant.");
}
