/**
 * Floating-point operations of one model window, counted analytically from the
 * architecture: 2 per multiply-add of every matrix product (projections,
 * attention scores and context, feed-forward, the final tanh layer). Element-wise
 * work (layer norms, softmax, adds) is left out: it is under 1% of the total.
 */
import type { ModelArchitecture } from './manifest';

export function flopsPerWindow(arch: ModelArchitecture, tokens: number): number {
  const L = tokens;
  let flops = 0;
  for (const w of arch.layerWidths) {
    flops += 2 * L * w * 3 * w; // q, k, v projection
    flops += 2 * L * L * w; // scores: heads x L x L x (w / heads)
    flops += 2 * L * L * w; // attention-weighted values
    flops += 2 * L * w * arch.hidden; // output projection
    if (w !== arch.hidden) flops += 2 * L * w * arch.hidden; // residual projection (layer 0)
    flops += 2 * 2 * L * arch.hidden * arch.ffn; // feed-forward in and out
  }
  flops += 2 * L * arch.hidden; // masked mean pooling
  flops += 2 * arch.hidden * arch.hidden; // tanh layer
  return flops;
}
