/**
 * Entry point of the model worker thread (bundled as dist/modelWorker.js; under
 * tsx the client points at this file). Holds the ONNX session and the batching
 * engine; all inference happens here so the caller's event loop never blocks.
 */
import { parentPort } from 'node:worker_threads';
import { ActivationEngine } from './engine';
import { loadModelFiles } from './load';
import { serializeError, type FromWorker, type ToWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('model worker must run in a worker thread');

let engine: ActivationEngine | undefined;
let loading: Promise<void> | undefined;

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function submit(msg: Extract<ToWorker, { type: 'activations' }>): void {
  if (!engine) {
    send({ type: 'failed', id: msg.id, error: { name: 'Error', message: 'the model is not loaded' } });
    return;
  }
  let pending;
  try {
    pending = engine.submit(msg.id, msg.text, msg.maxTokens);
  } catch (err) {
    send({ type: 'failed', id: msg.id, error: serializeError(err) });
    return;
  }
  pending.then(
    (result) => {
      const transfer = [...result.perToken.map((a) => a.buffer as ArrayBuffer), result.pooled.buffer as ArrayBuffer];
      send({ type: 'result', id: msg.id, result }, [...new Set(transfer)]);
    },
    (err: unknown) => send({ type: 'failed', id: msg.id, error: serializeError(err) }),
  );
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'load': {
      if (loading) return;
      const started = performance.now();
      loading = loadModelFiles(msg.options.modelDir, msg.options.manifestName, msg.options.runner).then(
        (loaded) => {
          engine = new ActivationEngine(loaded.runner, loaded.tokenizer, msg.options);
          send({ type: 'loaded', manifest: loaded.manifest, loadMs: performance.now() - started });
        },
        (err: unknown) => {
          loading = undefined;
          send({ type: 'load-failed', error: serializeError(err) });
        },
      );
      return;
    }
    case 'activations':
      submit(msg);
      return;
    case 'cancel':
      engine?.cancel(msg.id);
      return;
  }
});
