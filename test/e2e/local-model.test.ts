/**
 * End to end, in a real VS Code (code-server) and Chromium: the bring-your-own-model path.
 * The user's settings name a local ONNX language model (the project's tiny random LM,
 * made by scripts/make-tiny-lm.ts) that has no emotion vectors on this machine yet. The
 * first reading says so, reads with the embedded model meanwhile, and offers "Calibrate
 * Now"; the calibration runs under a cancellable progress notification, then every
 * session is re-read with the local model and the timeline says so. The model folder is
 * only ever read; what is derived from it lives in the extension's global storage.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoNetwork, assertOnlyExpectedErrors, assertTranscriptUntouched, literal } from './harness/invariants';
import { LiveSession } from './harness/liveSession';
import { startLiveSession, waitForFirstScan } from './harness/monitor';
import { filesIn, folderState, type FileState, makeTinyLm, TINY_LM_NAME } from './harness/localModel';
import { clickNotificationAction, toastsSeen, waitForToast } from './harness/notifications';
import { Scenario } from './harness/scenario';
import { expectTimelineReadWith, inspectLastCompletion, waitForSessionRow } from './harness/views';

/** What the timeline calls each model's readings. */
const EMBEDDED = 'embedded USE-lite';
const FOR_NOW = 'Emotion Lens reads with the embedded model for now: ';
const TINY_LM = `${TINY_LM_NAME} · layer 2 of 4`;
/** The tiny LM is read at layer 2 of 4: 0-based layer 1 in the vectors' file name. */
const VECTORS_FILE = /^[0-9a-f]{16}-L1\.elvec$/;
/** 3,855 corpus texts through the model: about a minute on a quiet machine, several when it is busy. */
const CALIBRATION_TIMEOUT_MS = 8 * 60_000;

describe('a local language model without vectors, calibrated from the editor', { timeout: 15 * 60_000 }, () => {
  let s: Scenario;
  let session: LiveSession;
  let modelDir = '';
  let modelBefore: Record<string, FileState> = {};
  let vectorsDir = '';
  let notCalibrated: RegExp;
  /** The vectors file the first warning said it looked for. */
  let lookedFor = '';

  before(async () => {
    s = await Scenario.start('local-model', {
      beforeLaunch: (server) => {
        modelDir = join(server.root, 'models', 'tiny-lm');
        makeTinyLm(modelDir);
        modelBefore = folderState(modelDir);
        server.addUserSettings({ 'emotionLens.modelPath': modelDir });
      },
    });
    vectorsDir = join(s.server.globalStorageDir, 'model-cache', 'vectors');
    notCalibrated = new RegExp(
      `^${literal(`${TINY_LM_NAME} has no emotion vectors on this machine yet (looked for ${vectorsDir}/`)}([0-9a-f]{16}-L1\\.elvec)${literal(
        `). Calibrate it with the command "Emotion Lens: Calibrate Local Model" or \`emotion-lens calibrate --model ${modelDir}\`.`,
      )}$`,
    );
    session = new LiveSession('desperate-loop.jsonl', s.server.projectDir, 50);
  }, { timeout: 5 * 60_000 });

  after(async () => {
    await s?.dispose();
  });

  it('at the first reading, warns that it reads with the embedded model for now, because the model has no vectors here, and offers to calibrate', async () => {
    await s.step('not calibrated warning', async () => {
      await s.workbench.openEmotionLens();
      await waitForFirstScan(s, { timeoutMs: 60_000 });
      await startLiveSession(s, session, { timeoutMs: 30_000 });
      // The assistant's first completion: the first reading.
      await session.writeThrough(session.linesForCompletions(1));
      const { toast } = await waitForToast(s.workbench, new RegExp(`^${literal(FOR_NOW)}`), { timeoutMs: 90_000 });
      assert.equal(toast.severity, 'warning');
      assert.deepEqual(toast.actions, ['Calibrate Now', 'Use the Embedded Model']);
      const match = notCalibrated.exec(toast.message.slice(FOR_NOW.length));
      assert.ok(match, `the warning says which model has no vectors, where it looked and how to calibrate it; it said: ${toast.message}`);
      lookedFor = match[1];
      assert.deepEqual(filesIn(vectorsDir), [], 'vectors in the global storage before calibrating');
    });
  });

  it('"Calibrate Now" calibrates under a cancellable progress notification', async () => {
    await s.step('calibrating', async () => {
      await clickNotificationAction(s.workbench, new RegExp(`^${literal(FOR_NOW)}`), 'Calibrate Now', { timeoutMs: 30_000 });
      const { toast } = await waitForToast(s.workbench, new RegExp(`^Emotion Lens: Calibrating ${literal(TINY_LM_NAME)}\\b`), { timeoutMs: 60_000 });
      assert.ok(toast.actions.includes('Cancel'), `the progress notification can be cancelled; its buttons: ${JSON.stringify(toast.actions)}`);
    });
  });

  it('meanwhile reads the rest of the session, written live, with the embedded model (or the local one once calibrated): every completion on the timeline', async () => {
    await s.step('timeline while calibrating', async () => {
      await session.finish();
      await waitForSessionRow(s.workbench, session, { timeoutMs: 60_000 });
      await s.workbench.runCommand('Emotion Lens: Open Timeline');
      try {
        await expectTimelineReadWith(s.workbench, session.completions(), EMBEDDED, { timeoutMs: 45_000 });
      } catch (error) {
        // A fast machine may finish calibrating before the rest is written and read:
        // then the timeline has already switched to the local model, which is right too.
        if ((await toastsSeen(s.workbench, /^Emotion Lens: calibrated /)).length === 0) throw error;
        await expectTimelineReadWith(s.workbench, session.completions(), TINY_LM, { timeoutMs: 45_000 });
      }
    });
  });

  it('says when the model is calibrated, with its validation figures', async () => {
    await s.step('calibrated', async () => {
      const { toast } = await waitForToast(s.workbench, /^Emotion Lens: calibrated /, { timeoutMs: CALIBRATION_TIMEOUT_MS, intervalMs: 1_000 });
      assert.equal(toast.severity, 'info');
      assert.match(toast.message, new RegExp(`^Emotion Lens: calibrated ${literal(TINY_LM_NAME)} \\(held-out stories top-5 \\d+(\\.\\d)?%, .+\\)\\.$`));
      assert.deepEqual(await toastsSeen(s.workbench, /failed/i), [], 'notifications of a failure');
    });
  });

  it('re-reads the session with the local model: the open timeline switches to "read with emotion-lens/tiny-lm · layer 2 of 4", one point per completion', async () => {
    await s.step('open timeline read with the local model', async () => {
      await expectTimelineReadWith(s.workbench, session.completions(), TINY_LM, { timeoutMs: 60_000 });
    });
  });

  it('"Emotion Lens: Open Timeline" after the calibration shows the session read with the local model', async () => {
    await s.step('timeline reopened with the local model', async () => {
      await s.workbench.runCommand('View: Close All Editors');
      await s.workbench.runCommand('Emotion Lens: Open Timeline');
      await expectTimelineReadWith(s.workbench, session.completions(), TINY_LM, { timeoutMs: 60_000 });
    });
  });

  it('opens a completion in the inspector: its text unshaded, saying a local model keeps no sentence readings', async () => {
    await s.step('inspector', async () => {
      // The timeline on screen reads with the local model, so the inspector's readings are its.
      await expectTimelineReadWith(s.workbench, session.completions(), TINY_LM, { timeoutMs: 5_000 });
      const inspector = await inspectLastCompletion(s.workbench, session.completions(), { timeoutMs: 30_000, shaded: false });
      assert.ok(inspector.text.trim().length > 0, 'the inspector shows the completion text');
      assert.equal(inspector.tokens, 0, 'a model that reads in context keeps no sentence readings to shade');
      assert.match(inspector.legend, /no sentence readings were kept, so nothing is shaded|No sentence readings/);
    });
  });

  it('keeps the vectors in the extension\'s global storage, where the warning looked for them', async () => {
    await s.step('vectors stored', async () => {
      const files = filesIn(vectorsDir);
      assert.equal(files.length, 1, `one vectors file in ${vectorsDir}: ${JSON.stringify(files)}`);
      assert.match(files[0], VECTORS_FILE);
      assert.equal(files[0], lookedFor, 'the file the warning named');
    });
  });

  it('logged no error (a model not calibrated yet is a warning, not a fault)', async () => {
    await s.step('no errors logged', async () => assertOnlyExpectedErrors(s, []));
  });

  it('opened no network connection, and its webview asked the browser for nothing beyond code-server', async () => {
    await s.step('no network', async () => assertNoNetwork(s));
  });

  it('leaves the model folder byte-identical and unmodified, and the transcript unchanged, after VS Code closes', async () => {
    await s.step('model and transcript untouched', async () => {
      await assertTranscriptUntouched(s, session);
      assert.deepEqual(folderState(modelDir), modelBefore, 'files of the model folder (SHA-256, size, modification time) before and after');
    });
  });
});
