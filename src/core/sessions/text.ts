/** Small helpers for reading untrusted, loosely typed transcript data. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** JSON.parse that returns undefined instead of throwing. */
export function tryParseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function arr(v: unknown): Json[] {
  return Array.isArray(v) ? (v as Json[]) : [];
}

export function obj(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** ISO string from an ISO string or epoch milliseconds (as number or digit string). */
export function isoTime(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
    const d = new Date(v < 1e11 ? v * 1000 : v);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof v === 'string' && v) {
    // Most transcripts already write canonical UTC ISO strings: keep them without a Date round trip.
    if (v.length === 24 && CANONICAL_ISO.test(v)) return v;
    if (/^\d{10,13}$/.test(v)) return isoTime(Number(v));
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return undefined;
}

const EXCERPT_HEAD = 1500;
const EXCERPT_TAIL = 2500;

/** Start and end of a long text: runners print their summary last, so the tail matters most. */
export function excerpt(text: string, head = EXCERPT_HEAD, tail = EXCERPT_TAIL): string {
  if (text.length <= head + tail + 20) return text;
  return `${text.slice(0, head)}\n… [${text.length - head - tail} characters left out] …\n${text.slice(-tail)}`;
}

/** Text blocks of an Anthropic/OpenAI-style content value (string or array of parts). */
export function contentText(content: unknown, types: readonly string[] = ['text', 'input_text', 'output_text']): string {
  if (typeof content === 'string') return content;
  const out: string[] = [];
  for (const part of arr(content)) {
    if (typeof part === 'string') out.push(part);
    else if (isObject(part) && (part.type === undefined || types.includes(String(part.type)))) {
      const t = str(part.text);
      if (t) out.push(t);
    }
  }
  return out.join('\n');
}

/** Paths that look like test files in the common ecosystems. */
const TEST_FILE =
  /(?:^|[\\/])(?:tests?|__tests__|spec|specs|testing)[\\/]|(?:^|[\\/])test_[^\\/]*\.py$|_test\.(?:py|go|rb|exs?)$|[.-](?:test|spec)\.[cm]?[jt]sx?$|(?:Test|Tests|Spec)\.(?:java|kt|cs|swift|php|scala)$|(?:^|[\\/])conftest\.py$|_spec\.rb$/;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/**
 * Finds the line an item of a pretty-printed JSON document starts on, by
 * searching forward for a distinctive string of it. Searches only move forward,
 * so locating every item of a document costs one pass over its text.
 */
export class LineLocator {
  private offset = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  /** Line of the next occurrence of `needle` (its JSON-encoded form), or the current line when absent. */
  locate(needle: string | undefined): number {
    if (!needle) return this.line;
    const encoded = JSON.stringify(needle).slice(1, -1).slice(0, 60);
    if (!encoded) return this.line;
    const at = this.text.indexOf(encoded, this.offset);
    if (at < 0) return this.line;
    for (let i = this.text.indexOf('\n', this.offset); i !== -1 && i < at; i = this.text.indexOf('\n', i + 1)) {
      this.line++;
    }
    this.offset = at;
    return this.line;
  }
}
