import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LmScorer } from '../../../src/core/analysis/lmScorer';
import { resolveScanPaths } from '../../../src/core/analysis/scanSources';
import { SessionAnalysis } from '../../../src/core/analysis/sessionAnalysis';
import { constantLaw, type VectorFile } from '../../../src/core/emotions/vectorFile';
import { LmClient } from '../../../src/core/lm/client';
import { DEFAULT_MONITOR_SETTINGS } from '../../../src/core/monitor/types';
import type { Session } from '../../../src/core/sessions/model';
import { parseSource } from '../../../src/core/sessions/reader';
import { seeded } from '../../support/seeded';
import { LM_WORKER_PATH, makeTinyLm, maxAbsDiff, type TinyLm } from '../lm/lmFixture';

// A session read by a real (tiny, random) language model in context, through the
// worker, as the extension and `scan --model` read it. The vectors are random unit
// vectors: what is tested is how completions are read, not what they mean.
let lm: TinyLm;
const clients: LmClient[] = [];
before(async () => {
  lm = await makeTinyLm();
});
after(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  lm.cleanup();
});

function randomVectors(dims: number): VectorFile {
  const emotions = readFileSync('media/corpus/emotions.txt', 'utf8').split('\n').filter(Boolean);
  const random = seeded(11);
  const vectors = emotions.map(() => {
    const v = Float32Array.from({ length: dims }, () => random() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
  const ones = () => new Float32Array(emotions.length).fill(1);
  return {
    header: {
      format: 'emotion-lens-vectors',
      version: 1,
      emotions,
      dims,
      model: { id: lm.prepared.folder.name, sha256: lm.prepared.folder.sha256 },
      feature: 'residual',
      layer: lm.prepared.layer,
      aggregation: 'mean',
      recipe: { denoise: false, neutralVarianceShare: 0, removedComponents: 0, removedVarianceShare: 0 },
      corpus: { sha256: '', trainTexts: 0, neutralTexts: 0 },
      choice: { candidates: [], reason: '' },
      pcaExplainedVariance: [],
    },
    vectors,
    textMean: new Float32Array(emotions.length),
    textStd: ones(),
    tokenMean: new Float32Array(emotions.length),
    tokenStd: ones(),
    coords: new Float32Array(2 * emotions.length),
    lengthLaw: constantLaw(new Float32Array(emotions.length), ones()),
  };
}

async function scorer(): Promise<LmScorer> {
  const client = await LmClient.open(lm.prepared, { workerPath: LM_WORKER_PATH });
  clients.push(client);
  return new LmScorer(client, randomVectors(client.info.hidden), { id: lm.prepared.folder.sha256, label: 'tiny' });
}

async function sampleSession(): Promise<Session> {
  const target = await resolveScanPaths(['media/samples/desperate-loop.jsonl']);
  const parsed = await parseSource(target.sources[0].path, target.sources[0].adapter);
  return parsed.sessions[0];
}

test('every completion of a session is read in context, and reading it event by event gives the same readings as all at once', async () => {
  const session = await sampleSession();
  const whole = new SessionAnalysis(session, await scorer(), DEFAULT_MONITOR_SETTINGS);
  await whole.add(session.events);
  const stepwise = new SessionAnalysis(session, await scorer(), DEFAULT_MONITOR_SETTINGS);
  for (const event of session.events) await stepwise.add([event]);

  const completions = session.events.filter((e) => e.kind === 'completion');
  assert.equal(whole.completions.length, completions.length);
  assert.equal(stepwise.completions.length, completions.length);
  let worst = 0;
  for (const [i, c] of whole.completions.entries()) {
    assert.ok(c.withContext, 'a language model reads every completion in its conversation');
    assert.ok(c.tokens > 0);
    assert.ok(c.scores.every(Number.isFinite));
    worst = Math.max(worst, maxAbsDiff(c.scores, stepwise.completions[i].scores));
  }
  console.log(`max |incremental - whole| over ${completions.length} completions x 171 readings: ${worst.toExponential(2)}`);
  assert.ok(worst <= 1e-4, `readings differ by ${worst}`);
});


test('lone texts (score, validate, calibration) read the same twice and differ between texts', async () => {
  const s = await scorer();
  const a = await s.readText('I have tried everything and the tests still fail.');
  const b = await s.readText('The function returns a sorted list of ids.');
  const again = await s.readText('I have tried everything and the tests still fail.');
  assert.ok(maxAbsDiff(a.scores, again.scores) <= 1e-5);
  assert.ok(maxAbsDiff(a.scores, b.scores) > 1e-3);
});
