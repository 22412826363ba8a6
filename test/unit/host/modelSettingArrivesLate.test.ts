import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../../../src/core/analysis/embeddedScorer';
import { prepareInWorker } from '../../../src/core/analysis/modelTasks';
import { ScorerProvider } from '../../../src/core/analysis/scorerProvider';
import { DEFAULT_MONITOR_SETTINGS } from '../../../src/core/monitor/types';
import { scanRoot } from '../../../src/core/sessions/discovery';
import { SessionsController } from '../../../src/host/sessionsController';

// The editor's choice of model when the model path setting arrives late, without VS Code:
// the real sessions controller and model provider, the real embedded model, and a local
// model path prepared by the real worker. The settings change is handled as the extension
// handles it (extension.ts: the provider is closed and the sessions are started again).
const embedded = openEmbedded({ modelDir: 'dist/model', workerPath: 'dist/modelWorker.js', vectorsPath: 'media/vectors/use-lite.elvec' });
const folders: string[] = [];
after(async () => {
  await (await embedded).model.dispose();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const SAMPLE = readFileSync('media/samples/desperate-loop.jsonl', 'utf8').split('\n').filter(Boolean);
/** Lines up to and including the assistant's first completion (a message with prose). */
const FIRST_COMPLETION = SAMPLE.findIndex((l) => {
  const r = JSON.parse(l) as { type?: string; message?: { content?: Array<{ type?: string; text?: string }> } };
  return r.type === 'assistant' && (r.message?.content ?? []).some((b) => b.type === 'text' && (b.text ?? '').trim() !== '');
}) + 1;

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 20))) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`waited ${timeoutMs / 1000} s for ${what}`);
  }
}

/** An editor with no model path set yet, following a Claude Code project folder, whose embedded model loads when the test lets it. */
function editor() {
  const root = mkdtempSync(join(tmpdir(), 'el-late-model-'));
  folders.push(root);
  const project = join(root, 'home', '.claude', 'projects', '-home-dev-slugger');
  mkdirSync(project, { recursive: true });
  const settings = { modelPath: '' };
  const told: string[] = [];
  const analysed: string[] = [];
  let releaseEmbedded = () => undefined as void;
  const embeddedLoaded = new Promise<void>((resolve) => (releaseEmbedded = resolve));
  let embeddedAsked = false;
  const provider = new ScorerProvider({
    localDir: () => settings.modelPath || undefined,
    openLocal: async (dir) => {
      await prepareInWorker('dist/modelTaskWorker.js', dir, { cacheDir: join(root, 'model-cache') });
      return assert.fail('a folder that is not there never opens');
    },
    openEmbedded: async () => {
      embeddedAsked = true;
      await embeddedLoaded;
      return { scorer: (await embedded).scorer, dispose: () => undefined };
    },
    localFailed: (dir, error) => void told.push(`reads with the embedded model for now: ${dir}: ${(error as Error).message}`),
    embeddedFailed: (message) => void told.push(`failed: ${message}`),
    changed: () => undefined,
  });
  const log = { info: () => undefined, warn: (m: string) => void told.push(m), error: (m: string) => void told.push(m) };
  const sessions = new SessionsController({ roots: () => [scanRoot(join(root, 'home'))], openScorer: () => provider.open(), settings: () => DEFAULT_MONITOR_SETTINGS, log });
  sessions.subscribe({ analysed: (key, batch) => analysed.push(...batch.events.flatMap((e) => (e.completion ? [`${key} ${e.completion.index}`] : []))) });
  return {
    root,
    path: join(project, 'live.jsonl'),
    settings,
    told,
    analysed,
    provider,
    sessions,
    releaseEmbedded,
    embeddedAsked: () => embeddedAsked,
    /** What the extension does when the model path setting changes. */
    modelPathSet(dir: string) {
      settings.modelPath = dir;
      provider.close();
      void sessions.start();
    },
  };
}

test('the model path set while the first reading of a live session is still opening the embedded model: the warning names the folder and why, and the session is read again', async () => {
  const e = editor();
  try {
    await e.sessions.start();
    appendFileSync(e.path, `${SAMPLE[0]}\n`);
    const key = await until('the session to be listed', () => e.sessions.sessions()[0]?.key);
    for (const line of SAMPLE.slice(1, FIRST_COMPLETION)) appendFileSync(e.path, `${line}\n`);
    await until('the first reading to open the model', () => e.embeddedAsked());
    const missing = join(e.root, 'models', 'not-there');
    e.modelPathSet(missing);
    e.releaseEmbedded();
    const warning = await until('the warning', () => e.told.find((t) => t.startsWith('reads with the embedded model for now: ')));
    assert.equal(warning, `reads with the embedded model for now: ${missing}: ${missing} does not exist. Fix: give the path of the folder that holds the model's model.onnx, config.json and tokenizer files.`);
    const analysis = await until('the session read again after the settings changed', () => e.sessions.get(key)?.analysis);
    await e.sessions.analyse(key);
    assert.equal(analysis.completions.length, 1, 'the first completion, read by the monitor started for the new setting');
    assert.deepEqual(e.analysed, [`${key} 0`], 'each completion handed on once: nothing from the monitor the setting replaced');
    assert.equal(e.told.length, 1, `one warning and nothing else: ${JSON.stringify(e.told)}`);
  } finally {
    e.sessions.dispose();
    e.provider.dispose();
  }
});

test('a start while the first one is still scanning leaves one monitor: every completion written afterwards is handed on once', async () => {
  const e = editor();
  e.releaseEmbedded();
  try {
    const first = e.sessions.start();
    const second = e.sessions.start();
    await Promise.all([first, second]);
    appendFileSync(e.path, `${SAMPLE[0]}\n`);
    const key = await until('the session to be listed', () => e.sessions.sessions()[0]?.key);
    for (const line of SAMPLE.slice(1)) appendFileSync(e.path, `${line}\n`);
    const completions = await until('every completion read', () => e.analysed.length >= 7 && e.analysed);
    await new Promise((r) => setTimeout(r, 500)); // time for a second monitor, if one were left, to hand on its readings
    assert.deepEqual(completions, [0, 1, 2, 3, 4, 5, 6].map((i) => `${key} ${i}`));
    assert.deepEqual(e.told, []);
  } finally {
    e.sessions.dispose();
    e.provider.dispose();
  }
});
