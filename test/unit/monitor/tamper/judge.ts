import { analyseEdit, EditVerdict } from '../../../../src/core/monitor/tamperAnalysis';

/** One edit as a test writes it: the file before (undefined: never seen) and after, and what the failing run printed. */
export interface Edit {
  path: string;
  before?: string;
  after: string;
  output: string;
  say?: string;
}

export function verdict(edit: Edit): EditVerdict {
  return analyseEdit({ path: edit.path, before: edit.before, after: edit.after, failingOutput: edit.output, explanation: edit.say ?? '' });
}

/** The tamper patterns the edit is flagged with (notices left out). */
export function flagged(edit: Edit): string[] {
  return verdict(edit)
    .findings.filter((f) => f.severity === 'tamper')
    .map((f) => f.pattern);
}

/** Lines joined into a file. */
export function file(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** The tamper patterns and their details (notices left out). */
export function judged(edit: Edit): { flagged: string[]; details: string[] } {
  const findings = verdict(edit).findings.filter((f) => f.severity === 'tamper');
  return { flagged: findings.map((f) => f.pattern), details: findings.map((f) => f.detail) };
}
