/**
 * The two shapes an assistant adapter can take. Append-only formats (JSONL,
 * aider's markdown) get a LineParser fed line by line, so tailing costs only
 * the new bytes. Formats that rewrite whole documents get re-read and diffed
 * by event id in reader.ts.
 */
import type { SessionBuilder } from './builder';
import type { AssistantId, Session } from './model';

export interface LineParser {
  /** One complete line without its line break; lineNo is 1-based. */
  line(text: string, lineNo: number): void;
  /**
   * Emit what was held back waiting for more lines. `final` is true at end of
   * file in a one-shot read; false when a tail has caught up and may see more.
   */
  flush(final: boolean): void;
  /** Sessions found so far, in file order. */
  builders(): SessionBuilder[];
  /** Bad lines seen before any session existed to count them. */
  orphanErrors: number;
}

/** Read-only access to files, so document adapters can gather related files (OpenCode, Cline). */
export interface SourceIO {
  readText(path: string): Promise<string>;
  list(dir: string): Promise<string[]>;
}

export interface DocumentResult {
  sessions: Session[];
  parseErrors: number;
  /** Every file and folder read; a change to any of them means the source must be re-read. */
  inputs: string[];
}

interface AdapterBase {
  assistant: AssistantId;
  /** Path (with forward slashes) matches this assistant's layout. */
  matchesPath(path: string): boolean;
  /** Content check on the first bytes of a file, for files found under `--root` in unusual places. */
  sniff(head: string, path: string): boolean;
}

export interface LineAdapter extends AdapterBase {
  mode: 'lines';
  createParser(sourcePath: string): LineParser;
}

export interface DocumentAdapter extends AdapterBase {
  mode: 'document';
  load(path: string, io: SourceIO): Promise<DocumentResult>;
}

export type SessionAdapter = LineAdapter | DocumentAdapter;

/** Base name without extension, for ids taken from file names. */
export function fileStem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}

export function normalisePath(path: string): string {
  return path.replace(/\\/g, '/');
}
