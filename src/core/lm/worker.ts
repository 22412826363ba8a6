/**
 * Entry point of the language-model worker thread (bundled as dist/lmWorker.js;
 * under tsx the client points at this file). onnxruntime-node computes on the
 * thread that calls run(), so all rendering, tokenizing and inference happen
 * here, never on the extension host's thread.
 *
 * Holds one LmRunner and one ContextReader per session key. Readers are kept
 * least-recently-used first, at most `maxSessions`, so the KV caches held stay
 * bounded (about maxSessions x maxContextTokens x kvBytesPerToken).
 */
import { parentPort } from 'node:worker_threads';
import { ChatEncoder } from './chat';
import { ContextReader } from './contextReader';
import { bytesPerToken } from './kvCache';
import { LmRunner } from './runner';
import { DEFAULT_MAX_SESSIONS, serializeError, type FromLmWorker, type LmWorkerOptions, type ToLmWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('the language-model worker must run in a worker thread');

interface Loaded {
  runner: LmRunner;
  encoder: ChatEncoder;
  options: LmWorkerOptions;
  maxSessions: number;
}

let loaded: Loaded | undefined;
let loading = false;
/** Map order is recency: the first entry is the least recently used. */
const sessions = new Map<string, ContextReader>();
const inFlight = new Map<number, AbortController>();

function send(message: FromLmWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function session(key: string, create: boolean): ContextReader | undefined {
  let reader = sessions.get(key);
  if (reader) {
    sessions.delete(key);
    sessions.set(key, reader);
    return reader;
  }
  if (!create || !loaded) return undefined;
  reader = new ContextReader(loaded.runner, loaded.encoder, {
    maxContextTokens: loaded.options.maxContextTokens,
    chunkTokens: loaded.options.chunkTokens,
  });
  sessions.set(key, reader);
  while (sessions.size > loaded.maxSessions) sessions.delete(sessions.keys().next().value as string);
  return reader;
}

async function load(options: LmWorkerOptions): Promise<void> {
  const started = performance.now();
  const encoder = new ChatEncoder(options.prepared.folder);
  const runner = await LmRunner.create(options.prepared, { threads: options.threads });
  const maxSessions = Math.max(1, Math.floor(options.maxSessions ?? DEFAULT_MAX_SESSIONS));
  loaded = { runner, encoder, options, maxSessions };
  // A throwaway reader gives the effective window (capped by the model's positions).
  const probe = new ContextReader(runner, encoder, { maxContextTokens: options.maxContextTokens });
  send({
    type: 'loaded',
    info: {
      loadMs: performance.now() - started,
      hidden: runner.hidden,
      maxContextTokens: probe.maxContextTokens,
      kvBytesPerToken: bytesPerToken(runner.kvShape),
      maxSessions,
    },
  });
}

function read(msg: Extract<ToLmWorker, { type: 'read' }>): void {
  const reader = session(msg.sessionKey, true);
  if (!reader) {
    send({ type: 'failed', id: msg.id, error: { name: 'Error', message: 'the language model is not loaded' } });
    return;
  }
  const controller = new AbortController();
  inFlight.set(msg.id, controller);
  reader.read(msg.messages, controller.signal).then(
    (readings) => {
      inFlight.delete(msg.id);
      send({ type: 'readings', id: msg.id, readings }, readings.map((r) => r.rows.buffer as ArrayBuffer));
    },
    (err: unknown) => {
      inFlight.delete(msg.id);
      send({ type: 'failed', id: msg.id, error: serializeError(err) });
    },
  );
}

port.on('message', (msg: ToLmWorker) => {
  switch (msg.type) {
    case 'load':
      if (loading || loaded) return;
      loading = true;
      load(msg.options).catch((err: unknown) => {
        loading = false;
        send({ type: 'load-failed', error: serializeError(err) });
      });
      return;
    case 'read':
      read(msg);
      return;
    case 'cancel':
      inFlight.get(msg.id)?.abort();
      return;
    case 'forget':
      sessions.delete(msg.sessionKey);
      return;
    case 'stats': {
      const reader = session(msg.sessionKey, false);
      send({ type: 'stats', id: msg.id, stats: reader ? { ...reader.stats(), cacheBytes: reader.cacheBytes } : undefined });
      return;
    }
  }
});
