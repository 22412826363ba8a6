/**
 * Types shared by the bring-your-own language-model path: a user's ONNX
 * causal-LM export, read at one residual layer, in conversational context.
 */

/** One message of a conversation as a chat template sees it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What config.json says about the architecture (Hugging Face names mapped to ours). */
export interface LmArchitecture {
  /** config.json `model_type`, e.g. "qwen2", "llama". */
  modelType: string;
  layers: number;
  hiddenSize: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  /** config.json `max_position_embeddings`, when given. */
  maxPositions?: number;
}

/** A checked model folder: everything needed to prepare and run it. Never written to. */
export interface LmFolder {
  dir: string;
  /** The ONNX graph file chosen in the folder. */
  onnxPath: string;
  /** External-data files the graph references (absolute paths), empty for a single-file export. */
  externalData: string[];
  /** Bytes of the graph file plus its external data. */
  bytes: number;
  architecture: LmArchitecture;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
  /** The Jinja chat template (from tokenizer_config.json or chat_template.jinja). */
  chatTemplate: string;
  /** A display name: config `_name_or_path` or the folder's name. */
  name: string;
  /** SHA-256 over the graph, its external data, config.json, tokenizer.json and the chat template: the model's identity. */
  sha256: string;
}

/** A model cut down to the residual tap, ready to run. */
export interface PreparedLm {
  folder: LmFolder;
  /** The derived graph in the cache (loaded with the folder as the external-data folder). */
  derivedPath: string;
  /** Layer whose output residual is read (0-based; the residual after that layer's MLP). */
  layer: number;
  /** Graph output that carries the residual [batch, seq, hidden]. */
  tapName: string;
  /** How the tap was found. */
  tapFoundBy: 'optimum-name' | 'genai-name' | 'structure';
  /** Graph inputs of the derived model, in order (input_ids, attention_mask, position_ids?, past_key_values.*). */
  inputNames: string[];
  /** KV-cache layers kept (0..layer). Inputs `past_key_values.{i}.key|value`, outputs `present.{i}.key|value`. */
  kvLayers: number;
  /** Nodes in the original graph and in the derived one. */
  nodes: { original: number; kept: number };
}
