import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../../../src/core/analysis/embeddedScorer';
import { FlagStore, type StoredFlag } from '../../../src/core/monitor/flagStore';
import type { MonitorState } from '../../../src/core/monitor/sessionMonitor';
import { DEFAULT_MONITOR_SETTINGS, type Alert, type MonitorSettings } from '../../../src/core/monitor/types';
import { scanRoot } from '../../../src/core/sessions/discovery';
import { summarise } from '../../../src/core/sessions/summary';
import type { SessionAppend } from '../../../src/shared/protocol';
import { SessionsController } from '../../../src/host/sessionsController';
import { FlagRecorder, LiveAlerts, SessionDisplays, TimelineFeed } from '../../../src/host/streamConsumers';
import { HostTimelineSource } from '../../../src/host/timelineSource';
import type { SessionRow } from '../../../src/host/views/sessionsView';

// The editor's side of the one stream, without VS Code: a Claude Code transcript written
// line by line while the sessions controller follows it, read by the real embedded model,
// and every consumer (chart, views, flag store, alerts) fed from the same analysed events.
const embedded = openEmbedded({ modelDir: 'dist/model', workerPath: 'dist/modelWorker.js', vectorsPath: 'media/vectors/use-lite.elvec' });
const homes: string[] = [];
after(async () => {
  await (await embedded).model.dispose();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** The panel as the feed sees it: showing one session with these emotions plotted. */
class ShownPanel {
  readonly appends: SessionAppend[] = [];
  replaced = 0;
  constructor(
    public key: string | undefined,
    readonly emotions: string[],
  ) {}
  plotted(key: string) {
    return key === this.key ? this.emotions : undefined;
  }
  append(update: SessionAppend) {
    this.appends.push(update);
  }
  sessionReplaced() {
    this.replaced++;
  }
}

async function followSample(sample: string, opened: Promise<{ scorer: Awaited<typeof embedded>['scorer'] }> = embedded, edit: (lines: string[]) => string[] = (l) => l) {
  const home = mkdtempSync(join(tmpdir(), 'el-host-'));
  homes.push(home);
  const project = join(home, '.claude', 'projects', '-home-dev-slugger');
  mkdirSync(project, { recursive: true });
  const path = join(project, sample);
  const settings: MonitorSettings = { ...DEFAULT_MONITOR_SETTINGS };
  const problems: string[] = [];
  const log = { info: () => undefined, warn: (m: string) => problems.push(m), error: (m: string) => problems.push(m) };
  const scorer = (await opened).scorer;
  const sessions = new SessionsController({ roots: () => [scanRoot(home)], openScorer: async () => scorer, settings: () => settings, log });
  const flags = new FlagStore();
  const readers = { modelId: () => scorer.model.id, flags: () => flags };
  const timeline = new HostTimelineSource({
    sessions: () => sessions,
    scorer: () => scorer,
    flags: readers.flags,
    emotionsShown: () => ['desperate'],
    minFailingRuns: () => settings.minFailingRuns,
    threshold: () => settings.desperationThreshold,
    status: () => 'ok',
    requestAnalysis: (key) => void sessions.analyse(key),
  });
  const panel = new ShownPanel(undefined, ['desperate', 'calm']);
  const shown = { rows: [] as SessionRow[], flags: [] as StoredFlag[], state: undefined as MonitorState | undefined };
  const displays = new SessionDisplays(sessions, readers, {
    sessionsView: { setSessions: (rows) => (shown.rows = rows) },
    flaggedView: { setFlags: (stored) => (shown.flags = stored) },
    statusBar: { showSession: (_title, state) => (shown.state = state), showIdle: () => undefined },
    panel: { sessionsChanged: () => undefined, statusChanged: () => undefined },
  }, 0);
  const alerts: Alert[] = [];
  sessions.subscribe(new FlagRecorder(sessions, readers, () => undefined));
  sessions.subscribe(new LiveAlerts((_key, raised) => alerts.push(...raised)));
  sessions.subscribe(new TimelineFeed(timeline, panel));
  sessions.subscribe(displays);
  await sessions.start();
  const lines = edit(readFileSync(`media/samples/${sample}`, 'utf8').split('\n').filter(Boolean));
  // The first line makes the session; the panel shows it from then on.
  appendFileSync(path, lines[0] + '\n');
  for (let waited = 0; sessions.sessions().length === 0; waited += 20) {
    if (waited > 10_000) assert.fail('the session was not found');
    await new Promise((r) => setTimeout(r, 20));
  }
  const key = sessions.sessions()[0].key;
  panel.key = key;
  for (const line of lines.slice(1)) {
    appendFileSync(path, line + '\n');
    await new Promise((r) => setTimeout(r, 25));
  }
  const lastId = JSON.parse(lines.at(-1)!).message.id as string;
  for (let waited = 0; !(await sessions.analyse(key))?.completions.some((c) => c.id.startsWith(lastId)); waited += 100) {
    if (waited > 30_000) {
      const e = sessions.get(key)!;
      assert.fail(`the analysis did not catch up within 30 s: ${e.session.events.map((x) => x.kind[0] + ':' + x.id).join(' ')} / ${e.analysis?.completions.map((c) => c.id).join(' ')} / ${problems.join(';')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 50)); // the displays' refresh
  return { sessions, timeline, panel, shown, flags, alerts, settings, key, problems, scorer };
}

test('one appended line reaches the chart, the views, the flag store and the alerts once, from the same analysed events', async () => {
  const run = await followSample('desperate-loop.jsonl');
  try {
    assert.deepEqual(run.problems, []);
    const analysis = run.sessions.get(run.key)!.analysis!;
    const view = run.timeline.view(run.key, ['desperate'])!;
    assert.deepEqual(view.completions.map((c) => c.index), [0, 1, 2, 3, 4, 5, 6], 'each completion plotted once');
    const desperate = run.scorer.emotions.indexOf('desperate');
    assert.deepEqual(view.series.desperate, analysis.completions.map((c) => Math.round(c.scores[desperate] * 1e4) / 1e4), 'the chart plots the analysis\'s readings');
    const appended = run.panel.appends.flatMap((a) => a.completions.map((c) => c.index));
    assert.equal(new Set(appended).size, appended.length, 'no completion is appended twice');
    for (const a of run.panel.appends) for (const c of a.completions) assert.deepEqual(Object.keys(c.readings).sort(), ['calm', 'desperate'], 'appends carry the plotted emotions only');
    assert.equal(run.alerts.filter((a) => a.kind === 'desperation').length, 1, 'the warning is raised once');
    const flagged = analysis.completions.flatMap((c) => c.flags.map((f) => f.reason)).sort();
    assert.ok(flagged.includes('desperation'));
    assert.deepEqual(run.flags.forSession(run.key, run.scorer.model.id).map((f) => f.reason).sort(), flagged, 'the flag store holds each flag once');
    assert.deepEqual(run.shown.flags.map((f) => f.reason).sort(), flagged, 'the Flagged view lists what the analysis flagged');
    const entry = run.sessions.get(run.key)!;
    assert.deepEqual(entry.summary, summarise(entry.session), 'the figures kept line by line equal a count from the start');
    const row = run.shown.rows.find((r) => r.key === run.key)!;
    assert.equal(row.completions, 7);
    assert.equal(row.failingStreak, analysis.state().failingStreak);
    assert.equal(run.shown.state?.failingStreak, analysis.state().failingStreak, 'the status bar follows the live session');
  } finally {
    run.sessions.dispose();
  }
});

test('the shaded loops follow minFailingRuns when the setting changes, by the rule the monitor reads', async () => {
  const run = await followSample('desperate-loop.jsonl');
  try {
    const longest = run.sessions.get(run.key)!.analysis!.state().longestFailingStreak;
    assert.ok(longest >= 3, `the sample has a failing loop (longest streak ${longest})`);
    assert.equal(run.timeline.view(run.key, [])!.loops.length, 1);
    run.settings.minFailingRuns = longest + 1;
    run.sessions.settingsChanged();
    assert.deepEqual(run.timeline.view(run.key, [])!.loops, [], 'no streak is long enough now');
    run.settings.minFailingRuns = longest;
    run.sessions.settingsChanged();
    assert.equal(run.timeline.view(run.key, [])!.loops[0].runs, longest);
  } finally {
    run.sessions.dispose();
  }
});

test('the inspector opens from the readings the stream brought, with no model run', async () => {
  // Max pooling, so the sentence the reading is taken from can be checked.
  const own = await openEmbedded({ modelDir: 'dist/model', workerPath: 'dist/modelWorker.js', vectorsPath: 'media/vectors/use-lite.elvec' }, { pooling: { kind: 'max' } });
  const run = await followSample('desperate-loop.jsonl', Promise.resolve(own));
  try {
    await own.model.dispose(); // nothing can be read with it from here on
    const detail = await run.timeline.completion(run.key, 3, 'desperate');
    assert.equal(detail?.index, 3);
    assert.equal(detail?.top.length, 10, 'the ten highest readings, from the analysis');
    const analysed = run.sessions.get(run.key)!.analysis!.completions.find((c) => c.index === 3)!;
    const spans = detail?.attribution?.spans ?? [];
    assert.ok(spans.length >= 2, 'the sentences the reader kept, shaded without a model run');
    const d = run.scorer.emotions.indexOf('desperate');
    const readable = analysed.sentences.filter((s) => s.readable);
    const highest = Math.max(...readable.map((s) => s.scores[d]));
    assert.deepEqual(spans.filter((s) => s.lead).map((s) => s.z), [Math.round(highest * 1e4) / 1e4], 'the sentence max pooling takes the reading from is marked');
    assert.equal(detail?.attribution?.reading, Math.round(analysed.scores[d] * 1e4) / 1e4);
    for (const s of spans) assert.ok(s.start >= 0 && s.end <= analysed.text.length && s.end > s.start);
    const calm = run.timeline.sentences(run.key, 3, 'calm');
    assert.notDeepEqual(calm?.spans.map((s) => s.z), spans.map((s) => s.z), 'another emotion shades by its own readings');
  } finally {
    run.sessions.dispose();
  }
});

const SHORT = 'Running the tests now.';
/** The sample with a short status line as its first completion, as agents often write one. */
function withShortLine(lines: string[]): string[] {
  const first = JSON.parse(lines[1]);
  first.uuid = 'a-short';
  first.message = { ...first.message, id: 'msg_short', content: [{ type: 'text', text: SHORT }] };
  return [lines[0], JSON.stringify(first), ...lines.slice(1)];
}

test('a completion too short to read reaches the chart marked with why, and its inspector gives the reason instead of numbers', async () => {
  const run = await followSample('desperate-loop.jsonl', embedded, withShortLine);
  try {
    const analysis = run.sessions.get(run.key)!.analysis!;
    const short = analysis.completions.find((c) => c.text === SHORT)!;
    assert.equal(short.readable, false, 'the reader marks the status line unreadable');
    const view = run.timeline.view(run.key, ['desperate'])!;
    const point = view.completions.find((c) => c.index === short.index)!;
    assert.match(point.unreadable ?? '', /^too short to read/);
    assert.equal(point.unreadable, short.unreadable);
    const marked = view.completions.filter((c) => c.unreadable !== undefined).map((c) => c.index);
    assert.deepEqual(marked, analysis.completions.filter((c) => !c.readable).map((c) => c.index), 'exactly the unreadable completions are marked');
    assert.ok(marked.length < view.completions.length, 'the long completions are read');
    const appended = run.panel.appends.flatMap((a) => a.completions).find((c) => c.index === short.index);
    assert.equal(appended?.unreadable, short.unreadable, 'the live append carries the reason too');
    const detail = await run.timeline.completion(run.key, short.index, 'desperate');
    assert.equal(detail?.unreadable, short.unreadable);
    assert.deepEqual(detail?.top, [], 'no readings shown as if they meant something');
    assert.equal(detail?.attribution, undefined);
  } finally {
    run.sessions.dispose();
  }
});
