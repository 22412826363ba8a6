/**
 * The skeleton shared by the JSONL formats that hold one session per file
 * (Codex, Copilot CLI, pi, Factory Droid, Qwen Code, Kimi, Goose, Cursor Agent):
 * skip blank lines, parse each line, count a line that is not one of the
 * format's records as a parse error (held as an orphan until the session
 * exists), and hand every good record to the format's handler.
 */
import type { LineParser } from '../adapter';
import { SessionBuilder } from '../builder';
import { isObject, tryParseJson, type JsonObject } from '../text';

type SessionInit = ConstructorParameters<typeof SessionBuilder>[0];

/** A record whose `key` field is a string: the field each format dispatches on. */
export type Keyed<K extends string> = JsonObject & Record<K, string>;

/** Accepts the records whose `key` field is a string. */
export const keyedBy =
  <K extends string>(key: K) =>
  (rec: JsonObject): rec is Keyed<K> =>
    typeof rec[key] === 'string';

/** Accepts every JSON object. */
export const anyObject = (rec: JsonObject): rec is JsonObject => rec !== undefined;

export abstract class JsonlSessionParser<R extends JsonObject> implements LineParser {
  orphanErrors = 0;
  protected builder?: SessionBuilder;

  constructor(protected readonly path: string) {}

  /** Whether a parsed object is one of the format's records; others count as parse errors. */
  protected abstract readonly accepts: (rec: JsonObject) => rec is R;

  /** One good record of the format. */
  protected abstract record(rec: R, lineNo: number): void;

  builders(): SessionBuilder[] {
    return this.builder ? [this.builder] : [];
  }

  line(text: string, lineNo: number): void {
    if (!text.trim()) return;
    const rec = tryParseJson(text);
    if (!isObject(rec) || !this.accepts(rec)) {
      if (this.builder) this.builder.parseError();
      else this.orphanErrors++;
      return;
    }
    this.record(rec, lineNo);
  }

  /** The file's session, opened on first need; bad lines read before it are counted into it then. */
  protected openSession(init: () => SessionInit): SessionBuilder {
    if (!this.builder) {
      this.builder = new SessionBuilder(init());
      for (let i = 0; i < this.orphanErrors; i++) this.builder.parseError();
      this.orphanErrors = 0;
    }
    return this.builder;
  }

  flush(_final: boolean): void {
    // Each record is complete on its line; formats that hold some back override this.
  }
}
