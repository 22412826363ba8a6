/**
 * End to end, the counterpart of desperate-loop.test.ts: the same failing tests, met
 * by an assistant that stays methodical and finds the real fix
 * (media/samples/methodical-loop.jsonl). The session is read live like the other, and
 * no desperation warning appears and nothing is flagged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoNetwork, assertTranscriptUntouched } from './harness/invariants';
import { LiveSession } from './harness/liveSession';
import { emotionLensErrors, Scenario } from './harness/scenario';
import { expectTimelinePoints, waitForSessionRow } from './harness/views';
import { sleep } from './harness/wait';

/** How long to keep watching for a warning after the whole session has been read. */
const QUIET_WATCH_MS = 5_000;

describe('methodical loop, live in a real VS Code', { timeout: 7 * 60_000 }, () => {
  let s: Scenario;
  let session: LiveSession;

  before(async () => {
    s = await Scenario.start('methodical-loop');
    session = new LiveSession('methodical-loop.jsonl', s.server.projectDir);
  }, { timeout: 5 * 60_000 });

  after(async () => {
    await s?.dispose();
  });

  it('lists the session, with all its completions, as it is written line by line', async () => {
    await s.step('session written and listed', async () => {
      await s.workbench.openEmotionLens();
      await session.finish();
      await waitForSessionRow(s.workbench, session, { timeoutMs: 45_000 });
    });
  });

  it('"Emotion Lens: Open Timeline" shows one point per completion', async () => {
    await s.step('timeline opened', async () => {
      await s.workbench.runCommand('Emotion Lens: Open Timeline');
      await expectTimelinePoints(s.workbench, session.completions(), { timeoutMs: 30_000 });
    });
  });

  it('shows no desperation warning and flags nothing, once the whole session has been read', async () => {
    await s.step('no warning', async () => {
      // First the proof that the session was read to its end; absence means nothing before it.
      await s.workbench.openEmotionLens();
      await waitForSessionRow(s.workbench, session, { timeoutMs: 30_000 });
      await sleep(QUIET_WATCH_MS);
      const toasts = (await s.workbench.observations()).filter((o) => o.toast).map((o) => o.toast!);
      assert.deepEqual(toasts.filter((t) => /desperat/i.test(t.message)), [], 'desperation warnings');
      assert.deepEqual(toasts.filter((t) => t.message.startsWith('Emotion Lens') && t.severity !== 'info'), [], 'Emotion Lens warnings or errors');
      assert.deepEqual(await s.workbench.treeRows('Flagged'), [], 'rows in the Flagged view');
    });
  });

  it('logged no error from Emotion Lens during the whole scenario', async () => {
    await s.step('no errors logged', async () => assert.deepEqual(emotionLensErrors(s.server.logs()), []));
  });

  it('opened no network connection, and its webview asked the browser for nothing beyond code-server', async () => {
    await s.step('no network', async () => assertNoNetwork(s));
  });

  it('leaves the transcript byte-identical, and its folder as it was, after VS Code closes', async () => {
    await s.step('transcript untouched', () => assertTranscriptUntouched(s, session));
  });
});
