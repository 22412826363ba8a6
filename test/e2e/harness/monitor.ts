import type { LiveSession } from './liveSession';
import type { Scenario } from './scenario';
import type { TreeRow } from './workbench';
import { waitFor } from './wait';

/**
 * Waits until the extension has made its first scan of the session folders (its log says
 * "watching N session folders; M sessions found"). A transcript already there at that
 * scan whose last activity is old (the samples' timestamps are) is listed but read only
 * when asked; one appended to afterwards is read live. Scenarios that need the live
 * reading start writing after this.
 */
export async function waitForFirstScan(s: Scenario, options: { timeoutMs: number }): Promise<string> {
  return waitFor(
    'the extension\'s first scan of the session folders ("watching … session folders; … sessions found" in its log)',
    () => /\[info\] watching \d+ session folders?; \d+ sessions? found\b.*/.exec(s.server.logs().emotionLens)?.[0],
    { timeoutMs: options.timeoutMs, intervalMs: 200, lastSeen: () => s.server.logs().emotionLens.trim().split('\n').slice(-3).join(' | ') || '(nothing logged)' },
  );
}

/**
 * Starts a live session the way the product can tell it is live: writes its first line,
 * waits until the Sessions view lists it (the extension now follows the file), and only
 * then lets the caller append the rest. A new transcript whose first read already holds
 * completions with old timestamps (the samples' are from the past) counts as history,
 * which the extension lists but reads only when asked; appends to a followed file are
 * read at once.
 */
export async function startLiveSession(s: Scenario, session: LiveSession, options: { timeoutMs: number }): Promise<void> {
  await session.writeThrough(1);
  let rows: TreeRow[] = [];
  await waitFor(
    'the Sessions view to list the new session under Claude Code',
    async () => {
      rows = await s.workbench.treeRows('Sessions');
      const group = rows.findIndex((r) => r.level === 1 && /claude/i.test(r.label));
      return group >= 0 && rows.slice(group + 1).some((r) => r.level === 2);
    },
    { timeoutMs: options.timeoutMs, lastSeen: async () => (rows.length ? JSON.stringify(rows) : await s.workbench.welcomeText('Sessions')) },
  );
}
