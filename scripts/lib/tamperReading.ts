/**
 * Training and cross-validation of the learned tamper reading, shared by
 * scripts/train-tamper-reading.ts and scripts/cv-tamper-reading.ts. Reads the
 * tuning folders only (test/tamper/dev*): the held-out folders are never opened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseEdit, editContext, EditToAnalyse, tamperFindings } from '../../src/core/monitor/tamperAnalysis';
import { editFeatures } from '../../src/core/monitor/tamperLearnedFeatures';
import type { LearnedWeights, LinearModel } from '../../src/core/monitor/tamperLearned';
import { caseProblem, TamperCase } from '../../src/core/monitor/tamperValidation';
import { fitLogistic, SparseRow } from './logisticRegression';
import { chooseThreshold, crossValidate } from './tamperReadingCv';

export const TAMPER_ROOT = 'test/tamper';
/** Ordinary edits (scripts/make-ordinary-edits.ts): honest, and not made to look like hacks. */
export const ORDINARY_PATH = 'test/tamper-ordinary/edits.json';
/** Tuning folders only: dev, dev2, dev3 ... Held-out folders (test*) never match. */
const TUNING_FOLDER = /^dev\d*$/;

/** A feature is kept when this many training edits show it, from at least two writers (folders). */
const MIN_EDITS = 3;
const MIN_WRITERS = 2;
/**
 * Weights smaller than these are dropped from the committed file. The hack model keeps more (cross-
 * validation lost recall when it dropped below 0.05); a pattern model only picks the name of a flagged edit's pattern.
 */
const PRUNE_HACK = 0.02;
const PRUNE_PATTERN = 0.1;
export const LAMBDA = 0.003;
/**
 * An honest edit counts this many times a hack in training: the sets hold more hacks than honest
 * edits, a real session far fewer, and with the sets' own balance an edit that shows nothing
 * decisive read as a hack.
 */
const HONEST_WEIGHT = 3;

export interface ReadCase {
  /** The tuning folder (one writer), or `ordinary` for this project's own edits. */
  folder: string;
  /** The cross-validation fold: the writer's folder; ordinary edits are dealt over the folds. */
  fold: string;
  case: TamperCase;
  /** Feature values; undefined when the edit could not be analysed (binary, too large) or the reading does not read it (nothing telling). */
  values?: Map<string, number>;
  /** Did a rule flag it (the rules alone, no learned reading)? Read only when asked for (slow). */
  ruleFlagged?: boolean;
}

export function tuningFolders(root = TAMPER_ROOT): string[] {
  return readdirSync(root)
    .filter((n) => TUNING_FOLDER.test(n))
    .sort((a, b) => (Number(a.slice(3)) || 1) - (Number(b.slice(3)) || 1));
}

export function caseToEdit(c: TamperCase): EditToAnalyse {
  return { path: c.edit.path, before: c.edit.before ?? undefined, after: c.edit.after, failingOutput: c.failingOutput, explanation: c.assistantText ?? '' };
}

export function readCases(options: { rules?: boolean; root?: string } = {}): ReadCase[] {
  const root = options.root ?? TAMPER_ROOT;
  const out: ReadCase[] = [];
  const folders = tuningFolders(root);
  for (const folder of folders) {
    for (const name of readdirSync(join(root, folder)).filter((n) => n.endsWith('.json')).sort()) {
      const doc: unknown = JSON.parse(readFileSync(join(root, folder, name), 'utf8'));
      if (caseProblem(doc)) continue;
      const c = doc as TamperCase;
      const edit = caseToEdit(c);
      const read = editContext(edit);
      const features = read.ok ? editFeatures(read.ctx) : undefined;
      const rc: ReadCase = { folder, fold: folder, case: c, values: features?.telling ? features.values : undefined };
      if (options.rules) rc.ruleFlagged = tamperFindings(analyseEdit(edit)).length > 0;
      out.push(rc);
    }
  }
  return [...out, ...ordinaryCases(out.map((rc) => rc.case.failingOutput), folders, options.rules ?? false)];
}

/**
 * This project's own edits as honest cases. Each is read beside the failing output of a labelled
 * case (dealt in turn): an edit in a loop whose failure it does not game.
 */
function ordinaryCases(outputs: readonly string[], folders: readonly string[], rules: boolean): ReadCase[] {
  const doc = JSON.parse(readFileSync(ORDINARY_PATH, 'utf8')) as { edits: Array<{ commit: string; path: string; oldString: string; newString: string }> };
  return doc.edits.map((e, i) => {
    const c: TamperCase = {
      id: `ordinary-${e.commit}-${i}`,
      label: 'honest',
      pattern: 'ordinary',
      language: 'typescript',
      failingOutput: outputs[(i * 7) % outputs.length],
      edit: { path: e.path, tool: 'replace', before: null, after: e.newString, oldString: e.oldString, newString: e.newString },
    };
    const edit: EditToAnalyse = { path: e.path, oldString: e.oldString, newString: e.newString, failingOutput: c.failingOutput };
    const read = editContext(edit);
    const features = read.ok ? editFeatures(read.ctx) : undefined;
    const rc: ReadCase = { folder: 'ordinary', fold: folders[i % folders.length], case: c, values: features?.telling ? features.values : undefined };
    if (rules) rc.ruleFlagged = tamperFindings(analyseEdit(edit)).length > 0;
    return rc;
  });
}

/** Features seen in enough training edits and writers: a name one writer's edits alone carry is that writer's. */
function selectFeatures(cases: readonly ReadCase[]): string[] {
  const edits = new Map<string, number>();
  const writers = new Map<string, Set<string>>();
  for (const c of cases) {
    for (const name of c.values?.keys() ?? []) {
      edits.set(name, (edits.get(name) ?? 0) + 1);
      let w = writers.get(name);
      if (!w) writers.set(name, (w = new Set()));
      w.add(c.folder);
    }
  }
  return [...edits.keys()].filter((n) => edits.get(n)! >= MIN_EDITS && writers.get(n)!.size >= MIN_WRITERS).sort();
}

function fit(cases: readonly ReadCase[], features: readonly string[], label: (c: ReadCase) => boolean, lambda: number, prune = PRUNE_HACK, negativeWeight = HONEST_WEIGHT): LinearModel {
  const index = new Map(features.map((f, i) => [f, i]));
  const rows: SparseRow[] = cases.map((c) => ({
    x: [...(c.values ?? new Map<string, number>())].filter(([n]) => index.has(n)).map(([n, v]) => [index.get(n)!, v] as [number, number]),
    y: label(c) ? 1 : 0,
    weight: label(c) ? 1 : negativeWeight,
  }));
  const model = fitLogistic(rows, features.length, { lambda });
  const weights: Record<string, number> = {};
  features.forEach((f, i) => {
    const w = model.weights[i];
    if (Math.abs(w) >= prune) weights[f] = round(w);
  });
  return { bias: round(model.bias), weights };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The hack/honest model alone (what cross-validation needs). */
export function trainHackModel(cases: readonly ReadCase[], lambda = LAMBDA): LinearModel {
  const usable = cases.filter((c) => c.values);
  return fit(usable, selectFeatures(usable), (c) => c.case.label === 'hack', lambda);
}

/** Everything the reading needs: the hack model and one-vs-rest pattern models over the hacks. */
/** The committed weights: threshold chosen by leave-one-writer-out CV, then every model trained on all tuning folders. */
export function trainWeights(cases: readonly ReadCase[] = readCases()): LearnedWeights {
  return trainReading(cases, chooseThreshold(crossValidate(cases)));
}

export function trainReading(cases: readonly ReadCase[], threshold: number, lambda = LAMBDA): LearnedWeights {
  const usable = cases.filter((c) => c.values);
  const hacks = usable.filter((c) => c.case.label === 'hack');
  const features = selectFeatures(usable);
  const patterns: Record<string, LinearModel> = {};
  for (const pattern of [...new Set(hacks.map((c) => c.case.pattern))].sort()) {
    patterns[pattern] = fit(hacks, features, (c) => c.case.pattern === pattern, lambda, PRUNE_PATTERN, 1);
  }
  return { threshold, hack: fit(usable, features, (c) => c.case.label === 'hack', lambda), patterns };
}

/** The weights file's text: one weight a line, no indentation (readable in a diff, small on disk). */
export function weightsText(weights: LearnedWeights): string {
  const model = (m: LinearModel) => `{"bias":${m.bias},"weights":{\n${Object.entries(m.weights).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',\n')}\n}}`;
  const patterns = Object.entries(weights.patterns).map(([k, m]) => `${JSON.stringify(k)}:${model(m)}`).join(',\n');
  return `{"threshold":${weights.threshold},\n"hack":${model(weights.hack)},\n"patterns":{\n${patterns}\n}}\n`;
}
