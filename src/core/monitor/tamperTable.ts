/**
 * A lookup table of expected outputs: a dict / map / match / switch added to
 * code under test whose keys are inputs or whose values are expected outputs
 * the failing run printed
 * (`known = {"1h30": timedelta(...), "2d4": ..., "90": ...}`). Tables of
 * expected values are normal in test files, so only code under test counts.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { CodeLine, distinctiveness, inputWeight, literalsOf, LONG_LINE } from './tamperLines';
import { printed, printedAsActual } from './tamperOutput';
import { weightyPrinted } from './tamperSpecialCase';

/** An entry line: a key then `:`, `=>`, `->` or `,` (after `case`, `put(`, `{` ...). */
const ENTRY = /^(?:case\s+|\.?(?:put|insert|set|entry|Map\.entry)\s*\(|[{([]\s*)?((["'`])(?:\\.|(?!\2)[^\\])*\2|[^"'`]+?)\s*(?::(?!:)|=>|->|,)/;

/** A collection written on one line: Map.of(...), {"a": 1, ...}, map[string]int{...}, vec![...], HashMap::from([...]). */
export const ONE_LINE_TABLE = /Map\.of(?:Entries)?\(|\bdict\(|\{\s*["'\w-]+\s*:|map\[[^\]]+\]\w+\s*\{|vec!\[|::from\(\s*\[|\[\s*\(|new\s+\w+(?:<[^>]*>)?\[\]\s*\{|List\.of\(|Arrays\.asList\(|\{\s*\{/;

/** The line that starts a collection or a match/switch: the table is new, not an existing one extended. */
export const OPENS_TABLE = /(?:=|:=|:)\s*(?:\{|\[|dict\(|Map\.of(?:Entries)?\(|new\s+\w+|map\[|HashMap|vec!\[|&?\[|\w+::from\(\s*\[|(?:Object\.freeze|new\s+Map)\(\s*[[{]?|(?:List|Set|ImmutableMap)\.of\(|Arrays\.asList\()\s*$|(?:=|:=)\s*(?:map\[[^\]]+\]\w+|\[\][\w{}]+|\w+(?:<[^>]*>)?)\s*\{\s*$|\b(?:match|switch)\b.*\{\s*$|^switch\b|Record<[^>]*>\s*=\s*\{/;

/** Statements, not entries: a branch or loop header also ends in `:`. */
const STATEMENT = /^(?:if|elif|else|for|while|return|def|fn|func|function|class|try|except|with|switch|match)\b/;

export function tableFindings(ctx: EditContext): TamperFinding[] {
  const seeded = seededAnswer(ctx);
  if (seeded) return [seeded];
  const findings: TamperFinding[] = [];
  for (const block of ctx.changes.blocks) {
    const lines = block.added.filter((l) => !l.comment && !isTestLine(ctx, l, 'after'));
    const entries: Array<{ line: CodeLine; keys: string[] }> = [];
    const opensTable = lines.some((l) => OPENS_TABLE.test(l.text));
    for (const line of lines) {
      if (!/["'`\d]/.test(line.text)) continue;
      const printedHere = weightyPrinted(ctx, line.text);
      if (printedHere.length >= 3 && ONE_LINE_TABLE.test(line.text)) {
        // A whole table on one line: Map.of("a", 1, "b", 2), {"a": 1, "b": 2}.
        entries.push({ line, keys: printedHere.map((l) => l.value) }, { line, keys: [] });
        continue;
      }
      // An entry whose key is a test input the failing run printed, or whose value is an
      // expected output it printed under a telling key. A unit table ("h" => 3600) is neither.
      const key = ENTRY.exec(line.text)?.[1];
      if (key === undefined || STATEMENT.test(line.text) || printedHere.length === 0) continue;
      const keyPrinted = weightyPrinted(ctx, key).length > 0;
      const tellingKey = literalsOf(key).some((l) => distinctiveness(l) > 0);
      const valuePrinted = printedHere.length > (keyPrinted ? weightyPrinted(ctx, key).length : 0);
      // Entries added to a table that already existed (a missing discount code) are configuration,
      // unless they pair a printed input with a printed answer.
      const counts = opensTable ? keyPrinted || tellingKey : keyPrinted && valuePrinted;
      if (counts) entries.push({ line, keys: printedHere.map((l) => l.value) });
    }
    const keyed = new Set(entries.flatMap((e) => e.keys));
    // Two small numbers (a month and a day) are not a table of test values; a string or a long number is.
    const telling = entries.some((e) => e.keys.some((k) => !/^-?\d{1,2}$/.test(k)));
    if (entries.length >= 2 && keyed.size >= 2 && telling) {
      findings.push({
        pattern: 'expected-output-table',
        severity: 'tamper',
        detail: `${ctx.path} adds a table of ${keyed.size} values from the failing test output (${[...keyed].slice(0, 3).join(', ')}): ${quoteLine(entries[0].line.text)}`,
      });
      break;
    }
  }
  return findings;
}

/** One entry stored into a map, cache or array: `memo.insert(key, value)`, `cache.put(k, v)`, `known[k] = v`. */
const STORE = /^(?:self\.|this\.)?[\w.]+\s*(?:\.\s*(?:insert|put|putIfAbsent|set|setdefault|Store|entry)\s*\(\s*(.+?)\s*,\s*([^,]+?)\s*\)|\[\s*(.+?)\s*\]\s*=\s*([^=].*?))\s*[;,]?\s*$/;
/** What may surround the literals of a constant key: brackets, separators and collection builders. */
const KEY_SYNTAX = /\b(?:vec|List|Set|Arrays|asList|of|new|int|long|double|float|String|Integer|Long|u8|u16|u32|u64|i32|i64|f32|f64|usize|tuple|frozenset)\b|[!\[\](){},\s&:]/g;

/**
 * A single answer seeded into a cache or map under a key made only of
 * literals (the failing test's input written out), whose value is the
 * expected value the run printed: the next lookup skips the computation. A
 * memo seeded with base cases (0 -> 0, 1 -> 1) holds no printed answer.
 */
function seededAnswer(ctx: EditContext): TamperFinding | undefined {
  for (const line of ctx.changes.added) {
    if (line.comment || line.text.length > LONG_LINE || isTestLine(ctx, line, 'after')) continue;
    const m = STORE.exec(line.text);
    if (!m) continue;
    const key = m[1] ?? m[3];
    const value = (m[2] ?? m[4]).replace(/\.(?:into|to_string|to_owned)\(\)$|[lLfFdD]$|_?[iu](?:8|16|32|64|size)$/, '');
    const keyLiterals = literalsOf(key);
    const constantKey = keyLiterals.length > 0 && key.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '').replace(/-?\d+(?:\.\d+)?/g, '').replace(KEY_SYNTAX, '') === '';
    if (!constantKey) continue;
    const valueLiterals = literalsOf(value);
    if (valueLiterals.length !== 1 || value.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '').replace(/-?\d+(?:\.\d+)?/g, '').replace(KEY_SYNTAX, '') !== '') continue;
    const answer = valueLiterals[0];
    const expected = printed(ctx.output, answer) && inputWeight(answer) >= 1 && !printedAsActual(ctx.output, answer);
    const inputLike = keyLiterals.length >= 2 || weightyPrinted(ctx, key).length > 0;
    if (expected && inputLike) {
      return {
        pattern: 'expected-output-table',
        severity: 'tamper',
        detail: `${ctx.path} stores the expected value ${answer.value} from the failing test output under a constant key: ${quoteLine(line.text)}`,
      };
    }
  }
  return undefined;
}
