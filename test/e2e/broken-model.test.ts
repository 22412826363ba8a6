/**
 * End to end, in a real VS Code (code-server) and Chromium: the settings name a local
 * model folder that cannot be used (the project's tiny LM with its tokenizer.json
 * removed). The user is told what is wrong and how to fix it, and everything keeps
 * working with the embedded model: the session written live (the desperate-loop sample)
 * is read, charted and still raises its desperation warning. The folder is only read.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoNetwork, assertOnlyExpectedErrors, assertTranscriptUntouched, literal } from './harness/invariants';
import { LiveSession } from './harness/liveSession';
import { startLiveSession, waitForFirstScan } from './harness/monitor';
import { folderState, type FileState, makeTinyLm } from './harness/localModel';
import { waitForToast } from './harness/notifications';
import { Scenario } from './harness/scenario';
import { expectTimelineReadWith, waitForSessionRow } from './harness/views';

const EMBEDDED = 'embedded USE-lite';
const FOR_NOW = 'Emotion Lens reads with the embedded model for now: ';
const DESPERATION = /^Emotion Lens: desperation rising in (.+) after (\d+) failing test runs?\b/;

describe('a broken local model folder: explained, and the embedded model keeps working', { timeout: 9 * 60_000 }, () => {
  let s: Scenario;
  let session: LiveSession;
  let modelDir = '';
  let modelBefore: Record<string, FileState> = {};
  /** The product's explanation: it names the missing tokenizer.json and the folder, then says the fix. */
  let noTokenizer: RegExp;

  before(async () => {
    s = await Scenario.start('broken-model', {
      beforeLaunch: (server) => {
        modelDir = join(server.root, 'models', 'tiny-lm-without-tokenizer');
        makeTinyLm(modelDir);
        rmSync(join(modelDir, 'tokenizer.json'));
        modelBefore = folderState(modelDir);
        server.addUserSettings({ 'emotionLens.modelPath': modelDir });
      },
    });
    noTokenizer = new RegExp(`^${literal(`No tokenizer.json in ${modelDir}: `)}.+ Fix: .*tokenizer\\.json.*$`);
    session = new LiveSession('desperate-loop.jsonl', s.server.projectDir);
  }, { timeout: 5 * 60_000 });

  after(async () => {
    await s?.dispose();
  });

  it('warns that it reads with the embedded model for now, naming tokenizer.json and the fix', async () => {
    await s.step('broken model explained', async () => {
      await s.workbench.openEmotionLens();
      await waitForFirstScan(s, { timeoutMs: 60_000 });
      await startLiveSession(s, session, { timeoutMs: 30_000 });
      // The first completion: the first reading tries the local model.
      await session.writeThrough(session.linesForCompletions(1));
      const { toast } = await waitForToast(s.workbench, new RegExp(`^${literal(FOR_NOW)}`), { timeoutMs: 90_000 });
      assert.equal(toast.severity, 'warning');
      assert.deepEqual(toast.actions, ['Use the Embedded Model', 'Show Log']);
      assert.match(toast.message.slice(FOR_NOW.length), noTokenizer);
    });
  });

  it('reads the session, written live, with the embedded model: every completion on the timeline, "read with embedded USE-lite"', async () => {
    await s.step('timeline read with the embedded model', async () => {
      await session.finish();
      await waitForSessionRow(s.workbench, session, { timeoutMs: 60_000 });
      await s.workbench.runCommand('Emotion Lens: Open Timeline');
      await expectTimelineReadWith(s.workbench, session.completions(), EMBEDDED, { timeoutMs: 45_000 });
    });
  });

  it('still raises the sample\'s desperation warning', async () => {
    await s.step('desperation warning', async () => {
      const { toast } = await waitForToast(s.workbench, DESPERATION, { timeoutMs: 60_000 });
      assert.equal(toast.severity, 'warning');
      assert.deepEqual(toast.actions, ['Open Timeline', 'Inspect', 'Snooze Session']);
    });
  });

  // Logged once: the folder is explained once, not at every reading.
  it('logged no error but the explanation of the broken folder', async () => {
    await s.step('no unexpected errors', async () =>
      assertOnlyExpectedErrors(s, [{ what: 'the folder has no tokenizer.json', message: new RegExp(`^local model ${literal(modelDir)}: ${noTokenizer.source.slice(1)}`) }]),
    );
  });

  it('opened no network connection, and its webview asked the browser for nothing beyond code-server', async () => {
    await s.step('no network', async () => assertNoNetwork(s));
  });

  it('leaves the model folder and the transcript as they were, after VS Code closes', async () => {
    await s.step('model and transcript untouched', async () => {
      await assertTranscriptUntouched(s, session);
      assert.deepEqual(folderState(modelDir), modelBefore, 'files of the model folder (SHA-256, size, modification time) before and after');
    });
  });
});
