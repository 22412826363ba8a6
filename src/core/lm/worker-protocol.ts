/** Messages between the language-model worker thread and LmClient. Plain data only (structured clone). */
import type { AssistantReading, ContextStats } from './contextReader';
import type { ChatMessage, PreparedLm } from './types';
import type { SerializedError } from '../model/workerErrors';

export { serializeError, deserializeError, type SerializedError } from '../model/workerErrors';

export interface LmWorkerOptions {
  prepared: PreparedLm;
  /** Intra-op threads (default min(4, cores)). */
  threads?: number;
  /** Context window per session, in tokens (default 4096, capped by the model's positions). */
  maxContextTokens?: number;
  /** Sessions whose caches are kept; the least recently read is forgotten first. Default 8. */
  maxSessions?: number;
  /** Tokens per model run (default 256). */
  chunkTokens?: number;
}

export const DEFAULT_MAX_SESSIONS = 8;

export interface SessionStats extends ContextStats {
  /** Bytes held by the session's KV cache. */
  cacheBytes: number;
}

export interface LoadedInfo {
  loadMs: number;
  hidden: number;
  /** The effective window per session. */
  maxContextTokens: number;
  /** KV-cache bytes per cached position: kvLayers x 2 x kvHeads x headDim x 4. */
  kvBytesPerToken: number;
  maxSessions: number;
}

export type ToLmWorker =
  | { type: 'load'; options: LmWorkerOptions }
  | { type: 'read'; id: number; sessionKey: string; messages: ChatMessage[] }
  | { type: 'cancel'; id: number }
  | { type: 'forget'; sessionKey: string }
  | { type: 'stats'; id: number; sessionKey: string };

export type FromLmWorker =
  | { type: 'loaded'; info: LoadedInfo }
  | { type: 'load-failed'; error: SerializedError }
  | { type: 'readings'; id: number; readings: AssistantReading[] }
  | { type: 'stats'; id: number; stats: SessionStats | undefined }
  | { type: 'failed'; id: number; error: SerializedError };
