/** Small sessions written by hand for the chart-data tests. */
import type { SessionEvent, ToolRun } from '../../../src/core/sessions/model';

export const NAMES = ['afraid', 'calm', 'desperate', 'hopeful', 'nervous'];
export const COORDS: Array<[number, number]> = [
  [-1, 1],
  [1, -1],
  [-2, 2],
  [1, 0.5],
  [-0.5, 1],
];

let line = 1;
const source = () => ({ path: '/t/session.jsonl', line: line++ });

export function completion(index: number, text = `Completion ${index}.\nMore text.`): SessionEvent {
  return { kind: 'completion', id: `c${index}`, index, text, source: source(), timestamp: `2026-11-02T09:00:${String(index).padStart(2, '0')}.000Z` };
}

export function run(id: string, outcome: ToolRun['outcome'], output = 'out'): ToolRun {
  return { kind: 'tool-run', id, command: 'npm test', output, testRun: true, outcome, exitCode: outcome === 'fail' ? 1 : 0, source: source() };
}

/** Readings where `emotion` reads `z` and the rest read 0. */
export function scores(emotion: string, z: number): number[] {
  return NAMES.map((n) => (n === emotion ? z : 0));
}
