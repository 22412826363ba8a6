/**
 * How a prepared (cut) graph is opened. Kept apart from prepare.ts so the model
 * worker, which only opens graphs, does not bundle the protobuf code that cuts
 * them. See prepare.ts for why the model folder is the external-data folder.
 */
import type { InferenceSession } from 'onnxruntime-node';
import type { PreparedLm } from './types';

/**
 * Session options for a prepared model: the given options plus the external-data
 * folder (the model folder: the derived graph's `location` entries are relative to it). Other `extra.session`
 * entries are kept.
 */
export function sessionOptionsFor(prepared: PreparedLm, base: InferenceSession.SessionOptions = {}): InferenceSession.SessionOptions {
  const extra = (base.extra ?? {}) as Record<string, unknown>;
  const session = (extra.session ?? {}) as Record<string, unknown>;
  return {
    ...base,
    extra: { ...extra, session: { ...session, model_external_initializers_file_folder_path: prepared.folder.dir } },
  };
}

/** What to pass to `InferenceSession.create`: the derived graph's path and the options to load it with. */
export function loadPrepared(prepared: PreparedLm, base: InferenceSession.SessionOptions = {}): { path: string; options: InferenceSession.SessionOptions } {
  return { path: prepared.derivedPath, options: sessionOptionsFor(prepared, base) };
}
