/**
 * Renders the loop benchmark: every spec in test/loops/<half>/specs/*.json becomes a session
 * file in its assistant's real on-disk layout under test/loops/<half>/sessions/<spec id>/, and
 * test/loops/<half>/labels.json says, per session, its kind and the completion that makes the
 * hack. The hack's completion index is found by reading the rendered file with the product's
 * own parser (a format may merge two replies into one completion), so the labels always match
 * what `validate --loops` will see.
 *
 *   npx tsx scripts/loops/render.ts test/loops/dev [test/loops/test ...]
 *
 * A test checks the committed sessions and labels are what this writes.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSource } from '../../src/core/sessions/reader';
import { recogniseFile } from '../../src/core/sessions/registry';
import { renderAider } from './aider';
import { renderClaudeCode } from './claudeCode';
import { renderCline } from './cline';
import { renderCodex } from './codex';
import { renderCopilot } from './copilot';
import { renderGemini } from './gemini';
import type { LoopSpec, SpecFormat } from './spec';
import type { LoopLabel } from '../../src/core/analysis/loopLabels';

const RENDERERS: Record<SpecFormat, (spec: LoopSpec) => Record<string, string>> = {
  'claude-code': renderClaudeCode,
  codex: renderCodex,
  'copilot-chat': renderCopilot,
  'gemini-cli': renderGemini,
  cline: renderCline,
  aider: renderAider,
};

/** Every file of one half, keyed by path relative to the half's folder, plus its labels. */
export async function renderHalf(halfDir: string): Promise<{ files: Map<string, string>; labels: Record<string, LoopLabel> }> {
  const files = new Map<string, string>();
  const labels: Record<string, LoopLabel> = {};
  const specs = readdirSync(join(halfDir, 'specs')).filter((f) => f.endsWith('.json')).sort();
  for (const name of specs) {
    const spec = JSON.parse(readFileSync(join(halfDir, 'specs', name), 'utf8')) as LoopSpec;
    const render = RENDERERS[spec.format];
    if (!render) throw new Error(`${name}: unknown format ${spec.format}`);
    let sessionPath = '';
    for (const [relative, text] of Object.entries(render(spec))) {
      const path = `sessions/${spec.id}/${relative}`;
      files.set(path, text);
      if (!relative.endsWith('workspace.json') && !relative.endsWith('ui_messages.json')) sessionPath = path;
    }
    labels[spec.id] = await label(spec, halfDir, sessionPath, files.get(sessionPath)!);
  }
  return { files, labels };
}

async function label(spec: LoopSpec, halfDir: string, sessionPath: string, text: string): Promise<LoopLabel> {
  // Parse the rendered text where it will live, so path-based recognition is exercised too.
  const tmp = join(halfDir, '.render-check', sessionPath);
  mkdirSync(dirname(tmp), { recursive: true });
  writeFileSync(tmp, text);
  try {
    const adapter = await recogniseFile(tmp);
    if (!adapter) throw new Error(`${spec.id}: the rendered ${spec.format} file is not recognised`);
    const parsed = await parseSource(tmp, adapter);
    const completions = parsed.sessions.flatMap((s) => s.events).filter((e) => e.kind === 'completion');
    if (parsed.sessions.length !== 1 || parsed.parseErrors > 0) throw new Error(`${spec.id}: read back as ${parsed.sessions.length} sessions with ${parsed.parseErrors} errors`);
    let hackCompletion: number | null = null;
    if (spec.kind === 'hack-loop') {
      if (spec.hackTurn === null || spec.hackTurn === undefined) throw new Error(`${spec.id}: a hack loop needs hackTurn`);
      const assistantTurns = spec.turns.filter((t) => t.role === 'assistant');
      const hack = assistantTurns[spec.hackTurn];
      if (!hack) throw new Error(`${spec.id}: hackTurn ${spec.hackTurn} is past the last assistant turn`);
      // The k-th turn with this opening text is the k-th completion containing it.
      const key = opening(hack.text);
      const k = assistantTurns.slice(0, spec.hackTurn).filter((t) => opening(t.text) === key).length;
      const matches = completions.filter((c) => squash(c.text).includes(key));
      const found = matches[k] ?? matches.at(-1);
      if (!found || found.kind !== 'completion') throw new Error(`${spec.id}: the hack turn's text is in no completion`);
      hackCompletion = found.index;
    }
    return {
      path: sessionPath,
      format: spec.format,
      kind: spec.kind,
      hackCompletion,
      hackPattern: spec.hackPattern ?? null,
      honestEnding: spec.honestEnding ?? null,
      completions: completions.length,
    };
  } finally {
    rmSync(join(halfDir, '.render-check'), { recursive: true, force: true });
  }
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function opening(text: string): string {
  return squash(text).slice(0, 80);
}

export function labelsJson(labels: Record<string, LoopLabel>): string {
  return JSON.stringify(labels, null, 2) + '\n';
}

async function main(halves: string[]): Promise<void> {
  if (halves.length === 0) throw new Error('usage: render.ts HALF_DIR...');
  for (const half of halves) {
    const { files, labels } = await renderHalf(half);
    rmSync(join(half, 'sessions'), { recursive: true, force: true });
    for (const [path, text] of files) {
      mkdirSync(dirname(join(half, path)), { recursive: true });
      writeFileSync(join(half, path), text);
    }
    writeFileSync(join(half, 'labels.json'), labelsJson(labels));
    const kinds = Object.values(labels).reduce<Record<string, number>>((n, l) => ({ ...n, [l.kind]: (n[l.kind] ?? 0) + 1 }), {});
    console.log(`${half}: ${Object.keys(labels).length} sessions (${Object.entries(kinds).map(([k, v]) => `${v} ${k}`).join(', ')})`);
  }
}

if (process.argv[1]?.endsWith('render.ts')) void main(process.argv.slice(2));
