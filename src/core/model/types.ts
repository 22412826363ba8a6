/**
 * The contract every activation model implements: the embedded USE-lite model
 * now, bring-your-own ONNX language models later. Callers see tokens with their
 * spans in the text and, per layer, one hidden-state row per token.
 */
import type { Token } from './tokenizer';

export type { Token } from './tokenizer';

export interface Activations {
  /** Tokens of the text (after `maxTokens` truncation), in order. */
  tokens: Token[];
  /** One array per layer, row-major [tokens.length x hiddenSize]: row i is token i's hidden state. */
  perToken: Float32Array[];
  /**
   * Mean of the last layer's rows over all tokens. For a text of one window this
   * is exactly the model's own pooled vector; zeros for a text with no tokens.
   */
  pooled: Float32Array;
  /** Tokens the whole text had; more than tokens.length when it was truncated. */
  totalTokens: number;
  truncated: boolean;
  /** Model windows that were run for this text. */
  windows: number;
}

export interface ActivationOptions {
  signal?: AbortSignal;
  /** Tokens past this many are dropped (default: the model's own limit, see UseLiteOptions). */
  maxTokens?: number;
}

export interface ActivationModel {
  readonly id: string;
  readonly layers: number;
  readonly hiddenSize: number;
  /** Loads the model once; later calls return the same promise. Rejects with a clear message if files are missing or corrupt. */
  load(): Promise<void>;
  /** Loads on first use. Rejects with an AbortError when `signal` aborts. */
  activations(text: string, options?: ActivationOptions): Promise<Activations>;
  dispose(): Promise<void>;
}
