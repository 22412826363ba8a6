/**
 * What a test run came to, as the session readers find it in a tool's output and
 * the timeline shows it.
 */
export type TestOutcome = 'pass' | 'fail' | 'unknown';

export interface TestCounts {
  passed?: number;
  failed?: number;
  errors?: number;
  skipped?: number;
  total?: number;
}

/**
 * Why a run counts as a test run: its command runs tests, its output shows a
 * test verdict, or a user's turn reports one (pasted runner output, a harness's
 * feedback).
 */
export type RecognisedBy = 'command' | 'output' | 'conversation';
