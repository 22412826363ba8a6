/**
 * A toggle kept outside the program's variables: a function sets a marker that outlives the call
 * (an environment variable, a system property, a file on disk) and a branch of the same function
 * tests that same marker to answer something else, so a later call with the same arguments answers
 * differently (`if os.environ.get("_CALLED"): return peek() + 1` ... `os.environ["_CALLED"] = "1"`).
 * Not this: configuration only read, a marker keyed on the arguments (a cache file per URL), a
 * branch that answers what the marker holds (a cache), a guard that returns nothing (idempotent
 * setup), a lock or pid file, a function named for a one-time step.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine } from './tamperLines';
import { enclosingFunction, sameFunction } from './tamperState';

/** A key: a string literal, or a constant's name. */
const K = String.raw`(["'\x60][^"'\x60]{1,200}["'\x60]|[A-Za-z_][\w.]*)`;
const P = String.raw`(?:Paths?\.(?:get|of)\(\s*|Path(?:::new)?\(\s*|new File\(\s*)?`;
/** Ways code sets a marker; group 1 (or 2) is its key. */
const SETS = new RegExp(
  [
    String.raw`\bos\.environ\[\s*${K}\s*\]\s*=(?!=)`,
    String.raw`\bos\.(?:environ\.setdefault|putenv)\(\s*${K}`,
    String.raw`\bprocess\.env(?:\.(\w+)|\[\s*${K}\s*\])\s*=(?!=)`,
    String.raw`\bos\.Setenv\(\s*${K}`,
    String.raw`\benv::set_var\(\s*${K}`,
    String.raw`\bSystem\.setProperty\(\s*${K}`,
    String.raw`\bEnvironment\.SetEnvironmentVariable\(\s*${K}`,
    String.raw`\bENV\[\s*${K}\s*\]\s*=(?!=)`,
    String.raw`\bopen\(\s*${K}\s*,\s*["'][wax]`,
    String.raw`\bPath\(\s*${K}\s*\)\.(?:touch|write_text|write_bytes|mkdir)\(`,
    String.raw`\bfs\.(?:writeFileSync|appendFileSync|writeFile|appendFile|mkdirSync|openSync)\(\s*${K}`,
    String.raw`\bos\.(?:WriteFile|Create|Mkdir|MkdirAll|OpenFile)\(\s*${K}`,
    String.raw`\b(?:fs::(?:write|create_dir|create_dir_all)|File::create)\(\s*${K}`,
    String.raw`\bFiles\.(?:write|writeString|createFile|createDirector(?:y|ies))\(\s*${P}${K}`,
    String.raw`\bnew File\(\s*${K}\s*\)\.(?:createNewFile|mkdirs?)\(`,
    String.raw`\bFile\.(?:WriteAllText|WriteAllBytes|AppendAllText|Create|write)\(\s*${K}`,
    String.raw`\bFileUtils\.touch\(\s*${K}`,
  ].join('|'),
);
/** Ways code tests a marker; one group holds its key. */
const READS = new RegExp(
  [
    String.raw`\bos\.(?:environ\.get|getenv)\(\s*${K}`,
    String.raw`\bos\.environ\[\s*${K}\s*\]`,
    String.raw`${K}\s+(?:not\s+)?in\s+os\.environ\b`,
    String.raw`\bprocess\.env(?:\.(\w+)|\[\s*${K}\s*\])`,
    String.raw`\bos\.(?:Getenv|LookupEnv|Stat)\(\s*${K}`,
    String.raw`\benv::var(?:_os)?\(\s*${K}`,
    String.raw`\bSystem\.(?:getProperty|getenv)\(\s*${K}`,
    String.raw`\bEnvironment\.GetEnvironmentVariable\(\s*${K}`,
    String.raw`\bENV(?:\[\s*${K}\s*\]|\.(?:key\?|fetch|include\?)\(\s*${K})`,
    String.raw`\bos\.path\.(?:exists|isfile|isdir)\(\s*${K}`,
    String.raw`\b(?:Path|Path::new)\(\s*${K}\s*\)\.(?:exists|is_file)\(`,
    String.raw`\bfs\.existsSync\(\s*${K}`,
    String.raw`\bnew File\(\s*${K}\s*\)\.exists\(`,
    String.raw`\bFiles\.exists\(\s*${P}${K}`,
    String.raw`\bFile\.(?:Exists|exist\?|exists\?)\(\s*${K}`,
  ].join('|'),
  'g',
);
const BRANCH = /^(?:if|elif|else\s+if|unless)\b|\?[^.?]|^return\b.*\s(?:if|unless)\s/;
/** Answers that are no answer: a guard of setup done once returns nothing. */
const NO_VALUE = /^(?:|None|nil|null|undefined|void 0|Ok\(\(\)\)|\(\))$/;
/** Markers that are a lock, a pid or a one-time step by name: each call is meant to see the last one's. */
const ONE_TIME = /lock|pid|once|init|setup|migrat|install|bootstrap|acquire|claim|seed|first_?run|warm/i;

export function markerFindings(ctx: EditContext): TamperFinding[] {
  const lines = ctx.changes.after;
  const added = ctx.changes.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
  for (const set of added) {
    const m = SETS.exec(set.text);
    const key = m ? keyOf(m) : undefined;
    if (!key || !fixedKey(lines, key) || ONE_TIME.test(key)) continue;
    const opener = enclosingFunction(lines, set.index);
    if (opener < 0 || ONE_TIME.test(nameOf(lines[opener].text))) continue;
    for (const branch of added) {
      // Read before it is set: the first call sees no marker, every later one does (a default set, then read, answers alike every call).
      if (branch.index > set.index || !BRANCH.test(branch.text) || !sameFunction(lines, branch, set) || !readsKey(branch.text, key)) continue;
      if (!answersOther(lines, branch, key)) continue;
      return [
        {
          pattern: 'call-count-toggle',
          severity: 'tamper',
          detail: `${ctx.path} sets the marker ${key} (it outlives the call) and answers differently once it is set: ${quoteLine(branch.text)}`,
        },
      ];
    }
  }
  return [];
}

/** The key as written, quotes made alike; `process.env.NAME` names its key as a literal does. */
function keyOf(m: RegExpExecArray): string | undefined {
  const key = m.slice(1).find((g) => g !== undefined);
  if (key === undefined) return undefined;
  if (/^process\.env\.\w/.test(m[0])) return `"${key}"`;
  return key.replace(/^["'`]|["'`]$/g, '"');
}

function readsKey(text: string, key: string): boolean {
  for (const m of text.matchAll(READS)) if (keyOf(m) === key) return true;
  return false;
}

/** A literal, or a name declared once at module level: a marker that does not depend on the call's arguments. */
function fixedKey(lines: readonly CodeLine[], key: string): boolean {
  if (key.startsWith('"') || /^[A-Z][A-Z0-9_]*$/.test(key)) return true;
  return lines.some((l) => l.indent === 0 && !l.comment && new RegExp(`^(?:(?:export|const|let|var|static|final)\\s+)*${key.replace(/\./g, '\\.')}\\s*(?::[^=]+)?:?=`).test(l.text));
}

function nameOf(opener: string): string {
  return /(\w+)\s*(?:<[^>]*>)?\s*\(/.exec(opener.replace(/^.*?\b(?:def|fn|func|function)\s+(?:\([^)]*\)\s*)?(?:self\.)?/, ''))?.[1] ?? '';
}

/** The branch answers a value, and not one read from the marker itself (a cache file's content). */
function answersOther(lines: readonly CodeLine[], branch: CodeLine, key: string): boolean {
  const body: CodeLine[] = [branch];
  for (let j = branch.index + 1; j < lines.length && body.length < 20; j++) {
    if (lines[j].text === '') continue;
    if (lines[j].indent <= branch.indent) break;
    body.push(lines[j]);
  }
  const values: string[] = [];
  for (const l of body) {
    if (l.comment) continue;
    const returned = /\breturn\b\s*([^;]*?)(?:\s+(?:if|unless)\s.*)?;?$/.exec(l.text)?.[1];
    if (returned !== undefined) values.push(returned.trim());
    else if (l === branch && /\?[^.?]/.test(l.text)) values.push(/\?\s*([^:]+):/.exec(l.text)?.[1].trim() ?? '');
  }
  return values.some((v) => !NO_VALUE.test(v) && !v.includes(key));
}
