import type { ActivationModel } from '../model/types';
import type { Activate } from './features';

/** Adapts any activation model to what calibration reads: per-layer token rows. */
export function activateWith(model: ActivationModel): Activate {
  return async (text, options) => {
    const a = await model.activations(text, options?.maxTokens === undefined ? {} : { maxTokens: options.maxTokens });
    return { tokenCount: a.tokens.length, dims: model.hiddenSize, layers: a.perToken };
  };
}
