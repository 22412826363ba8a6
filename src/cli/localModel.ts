import { homedir } from 'node:os';
import { join } from 'node:path';
import type { TextScorer } from '../core/analysis/scoring';
import { openLocalScorer } from '../core/analysis/localModel';
import { LmClient } from '../core/lm/client';
import { prepareLm } from '../core/lm/prepare';
import type { PreparedLm } from '../core/lm/types';
import { numberOption } from './args';
import { EMBEDDED } from './embedded';
import { openEmbeddedScorer, type OpenedScorer } from '../core/analysis/scorerProvider';
import { parsePooling } from '../core/analysis/pooling';
import type { Pooling } from '../core/analysis/scoring';
import { UsageError } from './command';

/** The options every command that reads text takes to use a local language model instead of the embedded one. */
export const MODEL_OPTIONS = {
  model: { type: 'string' },
  layer: { type: 'string' },
  cache: { type: 'string' },
} as const;

export const MODEL_USAGE = '[--model DIR [--layer N] [--cache DIR]]';

/** Our cache of derived graphs and calibrated vectors: $EMOTION_LENS_CACHE, else the XDG cache folder. */
export function defaultCacheDir(): string {
  if (process.env.EMOTION_LENS_CACHE) return process.env.EMOTION_LENS_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'emotion-lens');
}

/** The bundled worker beside dist/cli.js. */
export const LM_WORKER = join(__dirname, 'lmWorker.js');

export interface ModelChoice {
  model?: string;
  layer?: string;
  cache?: string;
  /** `mean`, `max` or `top-K`: how the embedded model pools a completion's sentence readings. */
  pooling?: string;
}

/** Prepares (inspects, cuts, caches) the model a command names. */
export function prepareChosen(choice: ModelChoice & { model: string }): Promise<PreparedLm> {
  const layer = choice.layer === undefined ? undefined : numberOption('--layer', choice.layer, { integer: true, min: 0 });
  return prepareLm(choice.model, { layer, cacheDir: choice.cache ?? defaultCacheDir() });
}

/** Opens the model a command was asked for: --model DIR, or the embedded model. */
export async function openChosenScorer(choice: ModelChoice): Promise<OpenedScorer<TextScorer>> {
  if (choice.model === undefined) {
    let pooling: Pooling | undefined;
    try {
      pooling = choice.pooling === undefined ? undefined : parsePooling(choice.pooling);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    return openEmbeddedScorer(EMBEDDED, { pooling });
  }
  const prepared = await prepareChosen({ ...choice, model: choice.model });
  const opened = await openLocalScorer(prepared, choice.cache ?? defaultCacheDir(), (p) => LmClient.open(p, { workerPath: LM_WORKER }));
  return { scorer: opened.scorer, dispose: opened.dispose };
}
