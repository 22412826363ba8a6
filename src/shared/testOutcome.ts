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
