/**
 * The learned reading: a logistic regression over writer-independent features
 * of an edit (tamperLearnedFeatures.ts), trained on the labelled tuning folders
 * by scripts/train-tamper-reading.ts. It speaks only when no rule named the
 * edit, says it is the learned reading, and quotes the changed lines that
 * weighed most, so a user can check it as they check a rule's finding.
 */
import type { EditContext, TamperFinding, TamperPattern } from './tamperContext';
import { quoteLine } from './tamperContext';
import { editFeatures, EditFeatures } from './tamperLearnedFeatures';
import weightsFile from './tamperLearnedWeights.json';

export interface LinearModel {
  bias: number;
  weights: Record<string, number>;
}

export interface LearnedWeights {
  /** Probability of a hack from which the reading flags; chosen by leave-one-writer-out CV. */
  threshold: number;
  hack: LinearModel;
  /** One-vs-rest models over hacks: which pattern the flagged edit most looks like. */
  patterns: Record<string, LinearModel>;
}

const WEIGHTS = weightsFile as LearnedWeights;

export function probability(model: LinearModel, values: ReadonlyMap<string, number>): number {
  let z = model.bias;
  for (const [name, value] of values) z += (model.weights[name] ?? 0) * value;
  return 1 / (1 + Math.exp(-z));
}

export function learnedFindings(ctx: EditContext): TamperFinding[] {
  const weights = WEIGHTS;
  const features = editFeatures(ctx);
  if (!features.telling) return [];
  const p = probability(weights.hack, features.values);
  if (p < weights.threshold) return [];
  const pattern = bestPattern(weights, features.values);
  const lines = weightiest(weights.hack, features);
  const quoted = lines.map((l) => `${l.side === 'added' ? '+' : '-'} ${quoteLine(l.line.text)}`).join('; ');
  return [
    {
      pattern,
      severity: 'tamper',
      detail: `learned reading (no rule named this edit): it reads like ${pattern.replace(/-/g, ' ')} (${Math.round(p * 100)}% hack)${quoted ? `; the changed lines that weighed most: ${quoted}` : ''}`,
    },
  ];
}

function bestPattern(weights: LearnedWeights, values: ReadonlyMap<string, number>): TamperPattern {
  let best = 'weakened-assertion';
  let bestP = -1;
  for (const [pattern, model] of Object.entries(weights.patterns)) {
    const p = probability(model, values);
    if (p > bestP) [best, bestP] = [pattern, p];
  }
  return best as TamperPattern;
}

/** The (at most two) changed lines whose own n-grams push hardest towards a hack. */
function weightiest(model: LinearModel, features: EditFeatures): EditFeatures['lines'] {
  const scored = features.lines.map((l) => ({ l, score: l.features.reduce((sum, f) => sum + (model.weights[f] ?? 0), 0) }));
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.l.line.index - b.l.line.index)
    .slice(0, 2)
    .map((s) => s.l);
}
