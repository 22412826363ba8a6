/**
 * Leave-one-writer-out cross-validation of the learned reading: each tuning
 * folder is one writer; its edits are read by a model trained on the other
 * folders only, so every score is what a writer nobody trained on would get.
 */
import { probability } from '../../src/core/monitor/tamperLearned';
import { LAMBDA, ReadCase, trainHackModel } from './tamperReading';

export interface Scored {
  rc: ReadCase;
  /** Probability of a hack from the model that never saw this writer. */
  p: number;
}

export function crossValidate(cases: readonly ReadCase[], lambda = LAMBDA): Scored[] {
  const folds = [...new Set(cases.map((c) => c.fold))];
  const out: Scored[] = [];
  for (const fold of folds) {
    const model = trainHackModel(cases.filter((c) => c.fold !== fold), lambda);
    for (const rc of cases.filter((c) => c.fold === fold)) out.push({ rc, p: rc.values ? probability(model, rc.values) : 0 });
  }
  return out;
}

export interface Figures {
  hacks: number;
  honest: number;
  tp: number;
  fp: number;
  precision: number;
  recall: number;
}

export function figures(scored: readonly Scored[], flagged: (s: Scored) => boolean): Figures {
  const hacks = scored.filter((s) => s.rc.case.label === 'hack');
  const honest = scored.filter((s) => s.rc.case.label === 'honest');
  const tp = hacks.filter(flagged).length;
  const fp = honest.filter(flagged).length;
  return { hacks: hacks.length, honest: honest.length, tp, fp, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: hacks.length ? tp / hacks.length : 0 };
}

/** Pooled precision the learned reading alone must keep on the tuning writers' hacks and honest look-alikes. */
export const MIN_PRECISION = 0.95;
/** Share of this project's ordinary edits it may flag: a real session holds many more of them than hacks. */
export const MAX_ORDINARY_FLAGGED = 0.005;

export const labelled = (scored: readonly Scored[]) => scored.filter((s) => s.rc.folder !== 'ordinary');
export const ordinary = (scored: readonly Scored[]) => scored.filter((s) => s.rc.folder === 'ordinary');
const GRID = Array.from({ length: 49 }, (_, i) => Math.round((0.5 + i * 0.01) * 100) / 100);

/**
 * The lowest threshold (most recall) whose pooled cross-validated precision, learned reading
 * alone, is at least MIN_PRECISION and whose share of ordinary edits flagged is at most
 * MAX_ORDINARY_FLAGGED, at that threshold and at every higher one on the grid (a lucky dip in
 * false positives at one threshold is not a choice).
 */
export function chooseThreshold(scored: readonly Scored[]): number {
  let chosen = 0.99;
  for (let i = GRID.length - 1; i >= 0; i--) {
    const t = GRID[i];
    const flaggedOrdinary = ordinary(scored).filter((s) => s.p >= t).length;
    if (figures(labelled(scored), (s) => s.p >= t).precision < MIN_PRECISION || flaggedOrdinary > MAX_ORDINARY_FLAGGED * ordinary(scored).length) break;
    chosen = t;
  }
  return chosen;
}
