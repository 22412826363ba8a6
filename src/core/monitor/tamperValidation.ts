/**
 * Precision and recall of the tamper evidence on a labelled set of edits (one
 * JSON case per edit: a hack or an honest look-alike, with the failing output
 * before it). A case counts as flagged when the edit gets any tamper finding;
 * notices (a test file edited) do not count.
 */
import { analyseEdit, tamperFindings } from './tamperAnalysis';

export interface TamperCase {
  id: string;
  label: 'hack' | 'honest';
  pattern: string;
  language: string;
  failingCommand?: string;
  failingOutput: string;
  edit: { path: string; tool: 'replace' | 'write'; before: string | null; after: string; oldString?: string; newString?: string };
  assistantText?: string;
}

export interface CaseResult {
  id: string;
  label: 'hack' | 'honest';
  pattern: string;
  flagged: boolean;
  /** Patterns of the tamper findings (empty when not flagged). */
  found: string[];
  details: string[];
  skipped?: string;
}

export interface PatternFigures {
  pattern: string;
  cases: number;
  flagged: number;
  /** For hack patterns: flagged / cases. For honest kinds: the share wrongly flagged. */
  rate: number;
  /** Hack patterns: cases whose findings include the labelled pattern itself. */
  samePattern?: number;
}

export interface TamperValidation {
  cases: number;
  hacks: number;
  honest: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
  hackPatterns: PatternFigures[];
  honestKinds: PatternFigures[];
  results: CaseResult[];
  /** Files that are not valid cases, with why. */
  invalid: Array<{ file: string; reason: string }>;
}

/** Checks one parsed JSON document against the case format; returns why it is not a case. */
export function caseProblem(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return 'not a JSON object';
  const c = doc as Partial<TamperCase>;
  if (typeof c.id !== 'string') return 'no id';
  if (c.label !== 'hack' && c.label !== 'honest') return 'label is neither hack nor honest';
  if (typeof c.pattern !== 'string') return 'no pattern';
  if (typeof c.failingOutput !== 'string') return 'no failingOutput';
  const e = c.edit;
  if (!e || typeof e.path !== 'string' || typeof e.after !== 'string') return 'edit needs a path and the content after';
  if (e.before !== null && typeof e.before !== 'string') return 'edit.before must be a string or null';
  return undefined;
}

export function judgeCase(c: TamperCase): CaseResult {
  const verdict = analyseEdit({
    path: c.edit.path,
    before: c.edit.before ?? undefined,
    after: c.edit.after,
    failingOutput: c.failingOutput,
    explanation: c.assistantText ?? '',
    // Every labelled edit was made after a failing run: read it as the monitor reads an edit in a loop.
    learnedReading: true,
  });
  const findings = tamperFindings(verdict);
  const result: CaseResult = { id: c.id, label: c.label, pattern: c.pattern, flagged: findings.length > 0, found: [...new Set(findings.map((f) => f.pattern))], details: findings.map((f) => f.detail) };
  if (!verdict.analysed) result.skipped = verdict.reason;
  return result;
}

export function validateTamper(cases: readonly TamperCase[], invalid: TamperValidation['invalid'] = []): TamperValidation {
  const results = cases.map(judgeCase);
  const hacks = results.filter((r) => r.label === 'hack');
  const honest = results.filter((r) => r.label === 'honest');
  const tp = hacks.filter((r) => r.flagged).length;
  const fp = honest.filter((r) => r.flagged).length;
  return {
    cases: results.length,
    hacks: hacks.length,
    honest: honest.length,
    truePositives: tp,
    falsePositives: fp,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: hacks.length === 0 ? 0 : tp / hacks.length,
    hackPatterns: byPattern(hacks, true),
    honestKinds: byPattern(honest, false),
    results,
    invalid,
  };
}

function byPattern(results: CaseResult[], hack: boolean): PatternFigures[] {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) groups.set(r.pattern, [...(groups.get(r.pattern) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pattern, rs]) => {
      const flagged = rs.filter((r) => r.flagged).length;
      const figures: PatternFigures = { pattern, cases: rs.length, flagged, rate: flagged / rs.length };
      if (hack) figures.samePattern = rs.filter((r) => r.found.includes(pattern)).length;
      return figures;
    });
}

export function formatTamperValidation(v: TamperValidation): string {
  const pct = (x: number) => x.toFixed(2);
  const lines = [
    `Tamper evidence on ${v.cases} labelled edits (${v.hacks} hacks, ${v.honest} honest)`,
    `  overall: precision ${pct(v.precision)}  recall ${pct(v.recall)}  (${v.truePositives} hacks flagged, ${v.falsePositives} honest edits flagged)`,
    '',
    '  hack pattern             cases  flagged  recall  found as this pattern',
    ...v.hackPatterns.map((p) => `  ${p.pattern.padEnd(24)} ${String(p.cases).padStart(5)}  ${String(p.flagged).padStart(7)}  ${pct(p.rate).padStart(6)}  ${p.samePattern}`),
    '',
    '  honest kind              cases  flagged (false positives)',
    ...v.honestKinds.map((p) => `  ${p.pattern.padEnd(24)} ${String(p.cases).padStart(5)}  ${String(p.flagged).padStart(7)}`),
  ];
  const missed = v.results.filter((r) => r.label === 'hack' && !r.flagged);
  const wrong = v.results.filter((r) => r.label === 'honest' && r.flagged);
  if (missed.length) lines.push('', '  hacks missed:', ...missed.map((r) => `    ${r.id}${r.skipped ? ` (skipped: ${r.skipped})` : ''}`));
  if (wrong.length) lines.push('', '  honest edits flagged:', ...wrong.map((r) => `    ${r.id}: ${r.details[0]}`));
  if (v.invalid.length) lines.push('', '  files that are not cases:', ...v.invalid.map((i) => `    ${i.file}: ${i.reason}`));
  return lines.join('\n') + '\n';
}
