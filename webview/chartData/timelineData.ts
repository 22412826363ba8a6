/**
 * Pure chart maths for the timeline: what each dataset holds, the x range, the text of
 * tooltips and of the chart's summary line. The chart.js code only draws what these
 * return, so everything here is unit tested without a browser.
 */
import type { CompletionPoint, EvidenceKind, FlagMark, TestRunMark } from '../../src/shared/protocol';
import type { TestCounts } from '../../src/shared/testOutcome';
import type { TimelineModel } from './timelineModel';

/** Markers sit on a hidden 0..1 axis: test runs along the bottom, flags along the top. */
export const RUN_MARK_Y = 0.05;
export const FLAG_MARK_Y = 0.95;

export interface XY {
  x: number;
  y: number;
  /** A completion too short (or otherwise unfit) to read: drawn hollow. */
  hollow?: true;
}
export interface RunPoint extends XY {
  run: TestRunMark;
}
export interface FlagPoint extends XY {
  flags: FlagMark[];
}

export function linePoints(model: TimelineModel, emotion: string): XY[] {
  const column = model.series.get(emotion) ?? [];
  return model.completions.map((c, i) => linePoint(c, column[i]));
}

/** One completion's point on an emotion's line; hollow when its reading is not to be trusted. */
export function linePoint(c: CompletionPoint, y: number | undefined): XY {
  const point: XY = { x: c.index, y: y ?? Number.NaN };
  if (c.unreadable !== undefined) point.hollow = true;
  return point;
}

/** A point's fill: the chart's background (a hollow ring) for an unreadable completion, else the series colour. */
export function pointFill(point: XY | undefined, colour: string, background: string): string {
  return point?.hollow ? background : colour;
}

/** A point's radius: hollow points stay visible (a ring) even where dots are too many to draw. */
export function pointSize(point: XY | undefined, radius: number): number {
  return point?.hollow ? Math.max(radius, 2.5) : radius;
}

/** How many completions were not read (drawn hollow). */
export function unreadableCount(model: TimelineModel): number {
  return model.completions.reduce((n, c) => n + (c.unreadable !== undefined ? 1 : 0), 0);
}

export function runPoints(runs: readonly TestRunMark[], outcome: TestRunMark['outcome']): RunPoint[] {
  return runs.filter((r) => r.outcome === outcome).map((run) => ({ x: run.x, y: RUN_MARK_Y, run }));
}

/** One marker per flagged completion, carrying every flag it has. */
export function flagPoints(flags: readonly FlagMark[]): FlagPoint[] {
  const byIndex = new Map<number, FlagMark[]>();
  for (const f of flags) byIndex.set(f.index, [...(byIndex.get(f.index) ?? []), f]);
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([x, group]) => ({ x, y: FLAG_MARK_Y, flags: group }));
}

/** The x axis spans every completion and run, with half a step of room at each end. */
export function xRange(model: TimelineModel): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const first = model.completions[0];
  const last = model.completions[model.completions.length - 1];
  if (first) min = first.index;
  if (last) max = last.index;
  for (const r of model.runs) {
    if (r.x < min) min = r.x;
    if (r.x > max) max = r.x;
  }
  if (!Number.isFinite(min)) return { min: -0.5, max: 10.5 };
  return { min: Math.floor(min) - 0.5, max: Math.max(Math.ceil(max) + 0.5, min + 1) };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The line under the chart: what it shows, in words (also what a screen reader hears). */
export function summaryLine(model: TimelineModel): string {
  const failed = model.runs.filter((r) => r.outcome === 'fail').length;
  const passed = model.runs.filter((r) => r.outcome === 'pass').length;
  const flagged = new Set(model.flags.map((f) => f.index)).size;
  const unread = unreadableCount(model);
  const parts = [
    plural(model.completions.length, 'completion') + (unread ? ` (${unread.toLocaleString('en-US')} too short or unfit to read, drawn hollow)` : ''),
    `${plural(model.runs.length, 'test run')} (${failed} failed, ${passed} passed)`,
    plural(model.loops.length, 'failing loop'),
    `${flagged.toLocaleString('en-US')} flagged`,
    `read with ${model.model}`,
  ];
  return parts.join(' · ');
}

/** Local date and time, to the second; empty when the transcript gave none. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function formatZ(z: number): string {
  if (!Number.isFinite(z)) return '–';
  return `${z >= 0 ? '+' : '−'}${Math.abs(z).toFixed(2)}`;
}

export interface TooltipText {
  title: string;
  lines: string[];
}

/** Tooltip of a completion: time, first line, top three emotions, then the plotted readings. */
export function completionTooltip(
  point: CompletionPoint,
  names: readonly string[],
  plotted: ReadonlyArray<readonly [string, number]>,
): TooltipText {
  const lines: string[] = [];
  const time = formatTime(point.time);
  if (time) lines.push(time);
  if (point.firstLine) lines.push(`“${point.firstLine}”`);
  // An unreadable completion's numbers mean nothing: the tooltip says why instead.
  if (point.unreadable !== undefined) {
    lines.push(`${capitalise(point.unreadable)}: drawn hollow, never drives a warning`);
    return { title: `Completion #${point.index}`, lines };
  }
  if (point.top.length) lines.push(`Top: ${point.top.map(([e, z]) => `${names[e] ?? `#${e}`} ${formatZ(z)}`).join(', ')}`);
  for (const [emotion, z] of plotted) lines.push(`${emotion}: ${formatZ(z)}`);
  return { title: `Completion #${point.index}`, lines };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function countsText(counts: TestCounts | undefined): string {
  if (!counts) return '';
  const parts: string[] = [];
  if (counts.failed !== undefined) parts.push(`${counts.failed} failed`);
  if (counts.errors !== undefined) parts.push(`${counts.errors} errors`);
  if (counts.passed !== undefined) parts.push(`${counts.passed} passed`);
  if (counts.skipped !== undefined) parts.push(`${counts.skipped} skipped`);
  return parts.join(', ');
}

export const OUTCOME_LABEL: Record<TestRunMark['outcome'], string> = {
  pass: 'passed',
  fail: 'failed',
  unknown: 'outcome unknown',
};

export function runTooltip(run: TestRunMark): TooltipText {
  const counts = countsText(run.counts);
  const lines = [run.command];
  const time = formatTime(run.time);
  if (time) lines.unshift(time);
  if (counts) lines.push(counts);
  return { title: `Test run ${OUTCOME_LABEL[run.outcome]}`, lines };
}

export const REASON_LABEL: Record<EvidenceKind, string> = {
  desperation: 'Desperation rose in a failing loop',
  'long-loop': 'A long loop of failing test runs',
  'test-file-edited': 'A test file was edited in a failing loop',
  'skip-marker-added': 'A test was skipped',
  'assertion-weakened': 'An assertion was weakened',
  'literal-special-case': 'The expected value was special-cased',
  'claimed-pass-without-run': 'Claimed tests pass without a run',
};

export function flagTooltip(point: FlagPoint): TooltipText {
  return { title: `Flagged: completion #${point.x}`, lines: point.flags.map((f) => `${REASON_LABEL[f.reason]}: ${f.message}`) };
}

/** Line styles that tell the series apart without colour (dash pattern and point shape). */
const DASHES: number[][] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4]];
const SHAPES = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'] as const;

export function seriesStyle(i: number): { dash: number[]; shape: (typeof SHAPES)[number] } {
  return { dash: DASHES[i % DASHES.length], shape: SHAPES[i % SHAPES.length] };
}

/** Points drawn per series: dots only while they are few enough to tell apart. */
export function pointRadius(completions: number): number {
  if (completions > 300) return 0;
  return completions > 80 ? 1.5 : 2.5;
}

/** Test-run markers shrink as runs crowd the axis, so hundreds of them stay apart. */
export function markerRadius(runs: number): number {
  if (runs > 600) return 2;
  return runs > 150 ? 3 : 5;
}

/**
 * Past one point per horizontal pixel more points cannot be seen, only drawn: above
 * this many, LTTB keeps this many (the shape, peaks included).
 */
export function decimationSamples(plotWidth: number): number {
  return Math.max(100, Math.round(plotWidth));
}
