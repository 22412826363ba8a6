import { meanOfRows } from './vectorMath';
import { FeatureKind } from './vectorFile';

/**
 * What the calibration needs from a model for one text: each layer's per-token
 * activations (row-major [tokens x dims]). Any activation model (the embedded
 * encoder or a user's own LM) can supply it.
 */
export interface TextActivations {
  tokenCount: number;
  dims: number;
  /** One [tokens x dims] matrix per layer, in depth order. */
  layers: Float32Array[];
}

/** `maxTokens` reads only the text's first tokens, as if the text ended there. */
export type Activate = (text: string, options?: { maxTokens?: number }) => Promise<TextActivations>;

/** The embedded encoder's candidate layers; a language model has one, its residual tap. */
export const FEATURE_KINDS: readonly FeatureKind[] = ['layer0', 'layer1'];

/** The matrix of per-token activations a feature is read from. */
export function tokenMatrix(a: TextActivations, feature: FeatureKind): Float32Array {
  return feature === 'layer0' ? a.layers[0] : a.layers[a.layers.length - 1];
}

/** A text's feature vector: the mean of the feature's layer over every token (texts here are short). */
export function textFeature(a: TextActivations, feature: FeatureKind): Float32Array {
  return meanOfRows(tokenMatrix(a, feature), a.tokenCount, a.dims);
}
