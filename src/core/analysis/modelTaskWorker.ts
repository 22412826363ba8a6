/** Entry point of the model-task worker (bundled as dist/modelTaskWorker.js): see modelTasks.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from '../corpus/loadCorpus';
import { LmClient } from '../lm/client';
import { prepareLm } from '../lm/prepare';
import { serializeError } from '../model/workerErrors';
import { calibrateLocalModel } from './localCalibration';
import { localModelLabel } from './localModel';
import type { ModelTask, TaskReply } from './modelTasks';
import { reportFromReadings } from './validation';

const port = parentPort;
if (!port) throw new Error('the model-task worker must run in a worker thread');
const send = (reply: TaskReply) => port.postMessage(reply);

async function run(task: ModelTask): Promise<TaskReply> {
  if (task.task === 'prepare') return { type: 'prepared', prepared: await prepareLm(task.dir, task.options) };
  const { prepared, cacheDir, lmWorkerPath } = task;
  const started = Date.now();
  const corpus = loadCorpus(task.corpusDir);
  const client = await LmClient.open(prepared, { workerPath: lmWorkerPath });
  try {
    const built = await calibrateLocalModel({
      prepared,
      reader: client,
      corpus,
      cacheDir,
      onProgress: (done, total) => send({ type: 'progress', done, total, stage: 'reading the corpus' }),
    });
    const validation = reportFromReadings(built.heldout, built.file, localModelLabel(prepared));
    const summary = { path: built.path, bytes: built.bytes, seconds: (Date.now() - started) / 1000, reason: built.file.header.choice.reason, validation };
    return { type: 'calibrated', summary };
  } finally {
    await client.dispose();
  }
}

run(workerData as ModelTask).then(send, (error: unknown) => send({ type: 'failed', error: serializeError(error) }));
