import type { Frame } from 'playwright-core';
import type { LiveSession } from './liveSession';
import { waitFor } from './wait';
import type { TreeRow, Workbench } from './workbench';

/**
 * Waits until the Sessions view lists the live session under its assistant (Claude Code),
 * with the number of completions written so far.
 */
export async function waitForSessionRow(wb: Workbench, session: LiveSession, options: { timeoutMs: number }): Promise<TreeRow> {
  const count = session.completions();
  const countText = new RegExp(`\\b${count} completions?\\b`);
  let rows: TreeRow[] = [];
  return waitFor(
    `the Sessions view to list the session under Claude Code with "${count} completions"`,
    async () => {
      rows = await wb.treeRows('Sessions');
      const group = rows.findIndex((r) => r.level === 1 && /claude/i.test(r.label));
      if (group < 0) return undefined;
      return rows.slice(group + 1).find((r) => r.level === 2 && countText.test(`${r.label} ${r.description} ${r.ariaLabel}`));
    },
    { timeoutMs: options.timeoutMs, lastSeen: async () => (rows.length ? JSON.stringify(rows) : await wb.welcomeText('Sessions')) },
  );
}

export interface ChartState {
  /** The chart is on screen (not hidden behind "Pick a session"). */
  shown: boolean;
  /** aria-valuemax of the chart's slider: the index of the last completion point. */
  lastIndex: number | undefined;
  /** The line under the chart: "N completions · M test runs (…) · …". */
  summary: string;
  /** Status text above the chart. */
  status: string;
}

/** Reads the timeline's accessible state from inside the webview. */
export async function chartState(frame: Frame): Promise<ChartState> {
  return frame.evaluate(() => {
    const chart = document.querySelector('.timeline-chart[role="slider"]') as HTMLElement | null;
    const max = chart?.getAttribute('aria-valuemax');
    return {
      shown: !!chart && !chart.hidden && chart.getBoundingClientRect().height > 0,
      lastIndex: max === null || max === undefined ? undefined : Number(max),
      summary: document.querySelector('.timeline .summary')?.textContent ?? '',
      status: document.querySelector('.status')?.textContent ?? '',
    };
  });
}

/**
 * Waits until the timeline shows exactly `count` completion points: the chart is drawn,
 * its last point's index is count - 1 and the summary line counts `count` completions.
 */
export async function expectTimelinePoints(wb: Workbench, count: number, options: { timeoutMs: number }): Promise<ChartState> {
  let last: ChartState | undefined;
  const summary = new RegExp(`^${count} completions?\\b`);
  return waitFor(
    `the timeline to show ${count} completion point${count === 1 ? '' : 's'}`,
    async () => {
      const frame = await wb.emotionLensWebview();
      if (!frame) return undefined;
      last = await chartState(frame);
      return last.shown && last.lastIndex === count - 1 && summary.test(last.summary) ? last : undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      lastSeen: () => (last ? JSON.stringify(last) : `no Emotion Lens webview among the page's frames ${JSON.stringify(wb.frameUrls())}`),
    },
  );
}

/**
 * Waits until the timeline shows exactly `count` completion points and its summary line
 * ends with "read with <model>": every point of the session read by that model.
 */
export async function expectTimelineReadWith(wb: Workbench, count: number, model: string, options: { timeoutMs: number }): Promise<ChartState> {
  let last: ChartState | undefined;
  const summary = new RegExp(`^${count} completions?\\b`);
  const ending = ` · read with ${model}`;
  return waitFor(
    `the timeline to show ${count} completion point${count === 1 ? '' : 's'}, its summary ending "read with ${model}"`,
    async () => {
      const frame = await wb.emotionLensWebview();
      if (!frame) return undefined;
      last = await chartState(frame);
      const summaryText = last.summary.trim();
      return last.shown && last.lastIndex === count - 1 && summary.test(summaryText) && summaryText.endsWith(ending) ? last : undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      lastSeen: () => (last ? JSON.stringify(last) : `no Emotion Lens webview among the page's frames ${JSON.stringify(wb.frameUrls())}`),
    },
  );
}

export interface InspectorState {
  heading: string;
  /** Sentence spans shaded over the completion's text. */
  tokens: number;
  text: string;
  /** The line above the text that says what the shading means (or why there is none). */
  legend: string;
}

/**
 * Opens a completion in the inspector from the keyboard, as the chart's slider offers
 * (focus it, End for the last point, Enter), and waits for its heading and heatmap spans.
 */
/**
 * Opens the last completion in the inspector and waits for it. `shaded` (the default) waits
 * for sentence spans; a local language model keeps no sentence readings, so its inspector
 * shows the text unshaded and its legend says so (`shaded: false`).
 */
export async function inspectLastCompletion(wb: Workbench, count: number, options: { timeoutMs: number; shaded?: boolean }): Promise<InspectorState> {
  const shaded = options.shaded ?? true;
  const index = count - 1;
  const frame = await waitFor('the Emotion Lens webview', () => wb.emotionLensWebview(), { timeoutMs: options.timeoutMs, lastSeen: () => JSON.stringify(wb.frameUrls()) });
  const slider = frame.locator('.timeline-chart[role="slider"]');
  await slider.press('End');
  await slider.press('Enter');
  let last: InspectorState | undefined;
  return waitFor(
    `the inspector to show completion #${index} ${shaded ? 'with sentence spans' : 'unshaded, saying why'}`,
    async () => {
      last = await frame.evaluate(() => ({
        heading: document.querySelector('.inspector h2')?.textContent ?? '',
        tokens: document.querySelectorAll('.inspector .completion-text span.sent').length,
        text: document.querySelector('.inspector .completion-text')?.textContent ?? '',
        legend: document.querySelector('.inspector .heat-legend')?.textContent ?? '',
      }));
      if (last.heading !== `Completion #${index}`) return undefined;
      return (shaded ? last.tokens > 0 : last.text.trim() !== '' && last.legend !== '') ? last : undefined;
    },
    {
      timeoutMs: options.timeoutMs,
      lastSeen: async () => (last ? JSON.stringify({ ...last, text: last.text.slice(0, 200) }) : ((await frame.evaluate(() => document.querySelector('.inspector')?.textContent?.slice(0, 300) ?? '(no inspector)')) as string)),
    },
  );
}
