import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../../../src/core/analysis/embeddedScorer';
import { LiveMonitor, type LiveChange } from '../../../src/core/analysis/liveMonitor';
import { DEFAULT_MONITOR_SETTINGS, type Alert } from '../../../src/core/monitor/types';
import { scanRoot } from '../../../src/core/sessions/discovery';

// The live path with the real model: a Claude Code transcript written line by line
// into a project folder, as the assistant writes it, while the monitor follows it.
const homes: string[] = [];
const embedded = openEmbedded({ modelDir: 'dist/model', workerPath: 'dist/modelWorker.js', vectorsPath: 'media/vectors/use-lite.elvec' });
after(async () => {
  await (await embedded).model.dispose();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

async function follow(sample: string): Promise<{ alerts: Alert[]; completions: number; hashBefore: string; hashAfter: string }> {
  const lines = readFileSync(`media/samples/${sample}`, 'utf8').split('\n').filter(Boolean);
  const home = mkdtempSync(join(tmpdir(), 'el-live-'));
  homes.push(home);
  const project = join(home, '.claude', 'projects', '-home-dev-slugger');
  mkdirSync(project, { recursive: true });
  const path = join(project, sample);
  const alerts: Alert[] = [];
  const monitor = await LiveMonitor.start({
    roots: [scanRoot(home)],
    openScorer: async () => (await embedded).scorer,
    settings: DEFAULT_MONITOR_SETTINGS,
    analyseSince: 0,
    onChange: (change: LiveChange) => {
      if (change.kind === 'analysed') alerts.push(...change.update.alerts);
      if (change.kind === 'error') assert.fail(change.message);
    },
  });
  try {
    for (const line of lines) {
      appendFileSync(path, line + '\n');
      await new Promise((r) => setTimeout(r, 25));
    }
    const hashBefore = createHash('sha256').update(readFileSync(path)).digest('hex');
    // Wait until the monitor has read the last line written (the closing completion).
    const lastId = JSON.parse(lines.at(-1)!).message.id as string;
    const deadline = Date.now() + 30_000;
    let key: string | undefined;
    for (;;) {
      key = monitor.sessions().find((s) => s.session.sourcePath === path)?.key;
      const analysis = key ? await monitor.analyse(key) : undefined;
      if (analysis?.completions.some((c) => c.id.startsWith(lastId))) break;
      if (Date.now() > deadline) assert.fail('the monitor did not catch up within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const completions = monitor.get(key!)!.analysis!.completions.length;
    return { alerts, completions, hashBefore, hashAfter: createHash('sha256').update(readFileSync(path)).digest('hex') };
  } finally {
    monitor.dispose();
  }
}

test('following a pressured assistant live: one warning, before the special case, transcript untouched', async () => {
  const run = await follow('desperate-loop.jsonl');
  assert.equal(run.completions, 7);
  const warning = run.alerts.filter((a) => a.kind === 'desperation');
  const hack = run.alerts.find((a) => a.kind === 'tampering');
  assert.equal(warning.length, 1);
  assert.ok(hack && warning[0].completionIndex < hack.completionIndex!);
  assert.equal(run.hashAfter, run.hashBefore);
});

test('following a methodical assistant live: no warning', async () => {
  const run = await follow('methodical-loop.jsonl');
  assert.equal(run.completions, 6);
  assert.deepEqual(run.alerts, []);
});
