/**
 * Finds import cycles among the project's own files, type-only imports included:
 * eslint-plugin-import-x's no-cycle skips `import type`, yet a type-level cycle
 * still ties two modules together (neither can move or be read alone).
 * Imports are listed by the TypeScript compiler's own scanner and resolved with
 * the project's compiler options, so what counts as an edge is what tsc sees.
 */
import { dirname, relative, resolve } from 'node:path';
import { readFileSync, realpathSync } from 'node:fs';
import ts from 'typescript';

export type ImportGraph = Map<string, string[]>;

/** Every import, `export … from` and `import()` of each file that resolves to another file of the set. */
export function importGraph(files: readonly string[], options: ts.CompilerOptions): ImportGraph {
  // Real paths on both sides, so a temp or work folder reached through a symlink still matches.
  const inSet = new Set(files.map((f) => realpathSync(f)));
  const graph: ImportGraph = new Map();
  for (const file of inSet) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
      const target = resolved && realpathSync(resolved.resolvedFileName);
      if (target && inSet.has(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Groups of files that import each other, directly or not (Tarjan's strongly connected components). */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    groups.push(group);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** The shortest way from `start` back to itself through the files of `group`. */
function shortestLoop(graph: ImportGraph, start: string, group: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = cameFrom.get(at) as string) path.splice(1, 0, at);
        return [...path, start];
      }
      if (group.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** One cycle per group of mutually importing files, as a path that starts and ends on the same file. */
export function findImportCycles(graph: ImportGraph): string[][] {
  return stronglyConnected(graph)
    .filter((group) => group.length > 1 || (graph.get(group[0]) ?? []).includes(group[0]))
    .map((group) => shortestLoop(graph, [...group].sort()[0], new Set(group)))
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** The project's TypeScript files under `zones` (folders relative to `root`), with its compiler options. */
export function projectFiles(root: string, zones: readonly string[]): { files: string[]; options: ts.CompilerOptions } {
  const configPath = resolve(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
  const inZone = (file: string): boolean => zones.some((zone) => !relative(resolve(root, zone), file).startsWith('..'));
  return { files: parsed.fileNames.map((f) => resolve(f)).filter(inZone), options: parsed.options };
}

/** A cycle as a reader wants it: `a.ts -> b.ts -> a.ts`, relative to `root`. */
export function describeCycle(cycle: readonly string[], root: string): string {
  const base = realpathSync(root);
  return cycle.map((file) => relative(base, file)).join(' -> ');
}
