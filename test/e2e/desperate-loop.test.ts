/**
 * End to end, in a real VS Code (code-server) and a real browser (Chromium): the VSIX is
 * installed, an assistant's session is written live into a Claude Code project folder
 * (media/samples/desperate-loop.jsonl: the same test fails again and again, the assistant
 * grows more pressured, then special-cases the failing input), and a person watching sees
 * the session listed, the timeline grow, the warning, the flagged completion, the
 * inspector's heatmap and the status-bar level.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoNetwork, assertTranscriptUntouched } from './harness/invariants';
import { LiveSession } from './harness/liveSession';
import { emotionLensErrors, Scenario } from './harness/scenario';
import { expectTimelinePoints, waitForSessionRow } from './harness/views';
import { waitFor } from './harness/wait';

/** The setting's default (emotionLens.alert.minFailingRuns): a loop is 3 failing runs. */
const MIN_FAILING_RUNS = 3;
const WARNING = /^Emotion Lens: desperation rising in (.+) after (\d+) failing test runs?\b/;

describe('desperate loop, live in a real VS Code', { timeout: 9 * 60_000 }, () => {
  let s: Scenario;
  let session: LiveSession;

  before(async () => {
    s = await Scenario.start('desperate-loop');
    session = new LiveSession('desperate-loop.jsonl', s.server.projectDir);
  }, { timeout: 5 * 60_000 });

  after(async () => {
    await s?.dispose();
  });

  it('shows the Emotion Lens activity-bar container with its Sessions and Flagged views', async () => {
    await s.step('Emotion Lens views', async () => {
      await s.workbench.openEmotionLens();
      assert.match(await s.workbench.sidebarTitle(), /^emotion lens$/i);
      assert.deepEqual((await s.workbench.sidebarSections()).map((t) => t.toLowerCase()), ['sessions', 'flagged']);
    });
  });

  it('activates without an error in the extension host log or its own log', async () => {
    await s.step('activated', async () => {
      const logs = await waitFor('the "Emotion Lens" output channel to be written', () => {
        const l = s.server.logs();
        return l.emotionLens.includes('[info]') ? l : undefined;
      }, { timeoutMs: 30_000 });
      assert.match(logs.extensionHost, /ExtensionService#_doActivateExtension emotion-lens\.emotion-lens\b/);
      assert.deepEqual(emotionLensErrors(logs), []);
    });
  });

  it('lists the session in the Sessions view while it is being written', async () => {
    await s.step('session listed', async () => {
      // The assistant's first two completions and two failing test runs.
      await session.writeThrough(session.linesForCompletions(2) + 4);
      await waitForSessionRow(s.workbench, session, { timeoutMs: 45_000 });
    });
  });

  it('"Emotion Lens: Open Timeline" shows one point per completion written so far', async () => {
    await s.step('timeline opened', async () => {
      await s.workbench.runCommand('Emotion Lens: Open Timeline');
      await expectTimelinePoints(s.workbench, session.completions(), { timeoutMs: 30_000 });
    });
  });

  it('adds each new completion to the open timeline as the assistant writes it', async () => {
    await s.step('timeline grew live', async () => {
      try {
        for (let count = session.completions() + 1; count <= session.completions(session.lines.length); count++) {
          await session.writeThrough(session.linesForCompletions(count));
          await expectTimelinePoints(s.workbench, count, { timeoutMs: 20_000 });
        }
      } finally {
        await session.finish();
      }
      await expectTimelinePoints(s.workbench, session.completions(), { timeoutMs: 20_000 });
    });
  });

  it('warns "desperation rising in …" after the failing loop, with Open Timeline, Inspect and Snooze Session', async () => {
    await s.step('warning shown', async () => {
      await session.finish();
      const seen = await waitFor(
        'the desperation warning',
        async () => (await s.workbench.observations()).find((o) => o.toast && WARNING.test(o.toast.message)),
        { timeoutMs: 60_000, lastSeen: async () => JSON.stringify((await s.workbench.observations()).filter((o) => o.toast)) },
      );
      const toast = seen.toast!;
      assert.equal(toast.severity, 'warning');
      assert.deepEqual(toast.actions, ['Open Timeline', 'Inspect', 'Snooze Session']);
      const [, title, runs] = WARNING.exec(toast.message)!;
      const linesThen = session.linesWrittenBy(seen.at);
      assert.ok(session.failingStreak(linesThen) >= MIN_FAILING_RUNS, `warned after ${linesThen} lines, when only ${session.failingStreak(linesThen)} test runs had failed in a row`);
      assert.ok(Number(runs) >= MIN_FAILING_RUNS && Number(runs) <= session.failingStreak(linesThen), `"${runs} failing test runs" in the warning; ${session.failingStreak(linesThen)} had failed in a row when it appeared`);
      // The warning names the session as the Sessions view lists it.
      const rows = await s.workbench.treeRows('Sessions');
      assert.ok(rows.some((r) => r.label === title), `the warning names "${title}"; the Sessions view lists ${JSON.stringify(rows.map((r) => r.label))}`);
      // Exactly one warning for one loop.
      const warnings = new Set((await s.workbench.observations()).filter((o) => o.toast && WARNING.test(o.toast.message)).map((o) => o.toast!.message));
      assert.equal(warnings.size, 1, `warnings seen: ${JSON.stringify([...warnings])}`);
    });
  });

  it('lists the flagged completion in the Flagged view, and clicking it opens the inspector with its heatmap', async () => {
    await s.step('flagged completion inspected', async () => {
      await session.finish();
      await s.workbench.openEmotionLens();
      // A flagged completion's row names it ("#N") and why it was flagged.
      const row = await waitFor('a completion flagged for desperation in the Flagged view', async () => {
        const rows = await s.workbench.treeRows('Flagged');
        return rows.find((r) => /#\d+/.test(r.label) && /desperat/i.test(`${r.label} ${r.description} ${r.ariaLabel}`));
      }, { timeoutMs: 30_000, lastSeen: async () => {
        const rows = await s.workbench.treeRows('Flagged');
        return rows.length ? JSON.stringify(rows) : s.workbench.welcomeText('Flagged');
      } });
      const index = /#(\d+)/.exec(row.label)![1];
      assert.ok(Number(index) < session.completions(), `completion #${index} exists (the session has ${session.completions()})`);
      await s.workbench.clickTreeRow('Flagged', row.label);
      const inspector = await waitFor(
        `the inspector to show completion #${index} with sentence spans`,
        async () => {
          const frame = await s.workbench.emotionLensWebview();
          if (!frame) return undefined;
          const state = await frame.evaluate(() => ({
            heading: document.querySelector('.inspector h2')?.textContent ?? '',
            tokens: document.querySelectorAll('.inspector .completion-text span.sent').length,
            text: document.querySelector('.inspector .completion-text')?.textContent ?? '',
          }));
          return state.heading === `Completion #${index}` && state.tokens > 0 ? state : undefined;
        },
        {
          timeoutMs: 30_000,
          lastSeen: async () => {
            const frame = await s.workbench.emotionLensWebview();
            return frame ? ((await frame.evaluate(() => document.querySelector('.inspector')?.textContent?.slice(0, 300) ?? '(no inspector)')) as string) : `no Emotion Lens webview among ${JSON.stringify(s.workbench.frameUrls())}`;
          },
        },
      );
      assert.ok(inspector.text.trim().length > 0, 'the inspector shows the completion text');
    });
  });

  it('showed an elevated desperation level in the status bar during the loop', async () => {
    await s.step('status bar', async () => {
      const states = (await s.workbench.observations()).filter((o) => o.status).map((o) => o.status!);
      assert.ok(states.length > 0, 'the Emotion Lens status-bar item was shown');
      assert.ok(
        states.some((st) => st.kind === 'warning' || st.kind === 'error'),
        `the status-bar item wore the warning colour at some point; it showed ${JSON.stringify(states)}`,
      );
    });
  });

  it('logged no error from Emotion Lens during the whole scenario', async () => {
    await s.step('no errors logged', async () => assert.deepEqual(emotionLensErrors(s.server.logs()), []));
  });

  it('opened no network connection, and its webview asked the browser for nothing beyond code-server', async () => {
    await session.finish();
    await s.step('no network', async () => assertNoNetwork(s));
  });

  it('leaves the transcript byte-identical, and its folder as it was, after VS Code closes', async () => {
    await s.step('transcript untouched', () => assertTranscriptUntouched(s, session));
  });
});
