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
