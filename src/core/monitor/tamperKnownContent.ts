/**
 * The last content of each file the session knows (from a read, a whole-file
 * write, a replacement or a patch's replacements applied to known content, or
 * the original file a format records), so an edit is judged on the whole file
 * before and after instead of on a fragment. Bounded per session: the least
 * recently used files go first.
 */
import type { FileEdit, FileRead } from '../sessions/model';

/** Characters kept per session (about 4 MB of UTF-16) and files kept per session. */
const MAX_CHARS = 2 * 1024 * 1024;
const MAX_FILES = 64;

/** What an edit changed, as the tamper analysis reads it. */
export interface EditSides {
  /** Whole file before (undefined: unknown) and after, when the after is known. */
  before?: string;
  after?: string;
  /** Otherwise the replaced hunk. */
  oldString?: string;
  newString?: string;
  /** Lines of this file the session's own earlier edits wrote (trimmed): an expectation it wrote itself is its to correct. */
  ownLines?: ReadonlySet<string>;
}

/** Lines remembered per file as the session's own, at most. */
const MAX_OWN_LINES = 4000;

export class KnownContent {
  private readonly files = new Map<string, string>();
  private readonly own = new Map<string, Set<string>>();
  private chars = 0;

  read(read: FileRead): void {
    if (read.partial) return; // part of a file is not the file
    this.remember(read.path, read.content);
  }

  /** The sides of an applied edit, updating what the session knows about its file and which lines it wrote. */
  edit(edit: FileEdit): EditSides {
    const sides = this.sidesOf(edit);
    const own = this.own.get(keyOf(edit.path));
    if (own?.size) sides.ownLines = new Set(own);
    this.rememberOwn(edit.path, sides.before ?? sides.oldString, sides.after ?? sides.newString);
    return sides;
  }

  private sidesOf(edit: FileEdit): EditSides {
    const known = edit.fileBefore ?? this.recall(edit.path);
    if (edit.operation === 'write' && edit.newText !== undefined) {
      this.remember(edit.path, edit.newText);
      return { before: known, after: edit.newText };
    }
    const steps = edit.replacements ?? (edit.operation === 'replace' && edit.oldText && edit.newText !== undefined ? [{ oldText: edit.oldText, newText: edit.newText }] : undefined);
    if (known !== undefined && steps) {
      // Applied in order, as the tool applied them: each step sees the text the previous one left.
      let after: string | undefined = known;
      for (const step of steps) {
        after = step.oldText ? replaceOnce(after, step.oldText, step.newText) : undefined;
        if (after === undefined) break;
      }
      if (after !== undefined) {
        this.remember(edit.path, after);
        return { before: known, after };
      }
    }
    // A patch, or a replacement in a file the session never saw whole: only the hunk is known now.
    this.forget(edit.path);
    return { oldString: edit.oldText, newString: edit.newText };
  }

  /** Lines the edit wrote that were not there before it. */
  private rememberOwn(path: string, before: string | undefined, after: string | undefined): void {
    // Without the text before, a rewrite cannot tell the lines it wrote from the ones it kept.
    if (before === undefined || after === undefined || after.length > MAX_CHARS) return;
    const old = new Set(before.split(/\r?\n/).map((l) => l.trim()));
    const key = keyOf(path);
    const own = this.own.get(key) ?? new Set<string>();
    for (const raw of after.split(/\r?\n/)) {
      const line = raw.trim();
      if (line && !old.has(line) && own.size < MAX_OWN_LINES) own.add(line);
    }
    this.own.delete(key); // most recently edited last
    this.own.set(key, own);
    if (this.own.size > MAX_FILES) this.own.delete(this.own.keys().next().value as string);
  }

  get size(): { files: number; chars: number } {
    return { files: this.files.size, chars: this.chars };
  }

  private recall(path: string): string | undefined {
    const key = keyOf(path);
    const text = this.files.get(key);
    if (text !== undefined) {
      this.files.delete(key); // most recently used last
      this.files.set(key, text);
    }
    return text;
  }

  private remember(path: string, text: string): void {
    this.forget(path);
    if (text.length > MAX_CHARS) return;
    const key = keyOf(path);
    this.files.set(key, text);
    this.chars += text.length;
    for (const [oldest, content] of this.files) {
      if (this.chars <= MAX_CHARS && this.files.size <= MAX_FILES) break;
      this.files.delete(oldest);
      this.chars -= content.length;
    }
  }

  private forget(path: string): void {
    const key = keyOf(path);
    const text = this.files.get(key);
    if (text === undefined) return;
    this.files.delete(key);
    this.chars -= text.length;
  }
}

function keyOf(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Replaces the first occurrence of `old` (also across a CRLF/LF difference); undefined when absent. */
function replaceOnce(text: string, old: string, replacement: string): string | undefined {
  let at = text.indexOf(old);
  if (at >= 0) return text.slice(0, at) + replacement + text.slice(at + old.length);
  const lf = text.replace(/\r\n/g, '\n');
  const oldLf = old.replace(/\r\n/g, '\n');
  at = lf.indexOf(oldLf);
  return at >= 0 ? lf.slice(0, at) + replacement.replace(/\r\n/g, '\n') + lf.slice(at + oldLf.length) : undefined;
}
