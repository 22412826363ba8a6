/** Messages between the model worker thread and its client. Plain data only (structured clone). */
import type { ModelManifest } from './manifest';
import type { RunnerOptions } from './onnx-runner';
import type { Activations } from './types';
import type { SerializedError } from './workerErrors';

export { serializeError, deserializeError, type SerializedError } from './workerErrors';

export interface WorkerLoadOptions {
  /** Folder holding the manifest, model and vocabulary (the extension's own files). */
  modelDir: string;
  manifestName: string;
  runner: RunnerOptions;
  /** Most windows in one model run. */
  maxBatchRows: number;
  /** Most padded tokens (rows x longest window) in one model run. */
  maxBatchTokens: number;
  windowSize: number;
  windowOverlap: number;
}

export type ToWorker =
  | { type: 'load'; options: WorkerLoadOptions }
  | { type: 'activations'; id: number; text: string; maxTokens: number }
  | { type: 'cancel'; id: number };

/** The worker answers with exactly what ActivationModel.activations resolves to. */
export type WorkerResult = Activations;

export type FromWorker =
  | { type: 'loaded'; manifest: ModelManifest; loadMs: number }
  | { type: 'load-failed'; error: SerializedError }
  | { type: 'result'; id: number; result: WorkerResult }
  | { type: 'failed'; id: number; error: SerializedError };
