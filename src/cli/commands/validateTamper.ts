import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliIO, UsageError } from '../command';
import { caseProblem, formatTamperValidation, TamperCase, TamperValidation, validateTamper } from '../../core/monitor/tamperValidation';

/**
 * `validate --tamper DIR`: reads every *.json case in DIR, judges each edit and
 * prints precision and recall overall, per hack pattern and per honest kind.
 */
export async function runTamperValidation(dir: string, json: boolean, io: CliIO): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new UsageError(`cannot read --tamper folder ${dir}`);
  }
  if (names.length === 0) throw new UsageError(`--tamper folder ${dir} holds no *.json cases`);
  const cases: TamperCase[] = [];
  const invalid: TamperValidation['invalid'] = [];
  for (const name of names) {
    try {
      const doc: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
      const problem = caseProblem(doc);
      if (problem) invalid.push({ file: name, reason: problem });
      else cases.push(doc as TamperCase);
    } catch (error) {
      invalid.push({ file: name, reason: `not valid JSON (${(error as Error).message})` });
    }
  }
  const report = validateTamper(cases, invalid);
  io.stdout(json ? JSON.stringify(report) + '\n' : formatTamperValidation(report));
  return 0;
}
