/**
 * A memorised answer: a new table in code under test holds the failing test's
 * expected value written out whole (`"1.5 KiB"`, the id list
 * `List.of("p-204", "p-117", "p-009")`) next to a key that looks like a test
 * input (a long number, free text), so the code looks the answer up instead of
 * computing it. Whatever the language or the table's spelling, the evidence is
 * the same: the runner printed that value as expected, and the edit pairs it
 * with an input. A message catalogue keyed by identifiers (`"cart.add": "Zum
 * Warenkorb"`) pairs the expected text with a name, not an input, and is not this.
 */
import { EditContext, explainedByAuthority, isTestLine, quoteLine, TamperFinding } from './tamperContext';
import { collectionItems } from './tamperExpected';
import { CodeLine, distinctiveness, Literal, literalsOf, LONG_LINE } from './tamperLines';
import { printed, printedAsActual } from './tamperOutput';
import { DOMAIN_NAME } from './tamperSpecialCase';
import { MAX_COVER, ONE_LINE_TABLE, OPENS_TABLE, tableSize } from './tamperTable';

/** A line that assigns or returns a whole collection written out on it: `X = &[(1536, "1.5 KiB")]`, `return {12345: 247}.get(...)`. */
const ASSIGNS_COLLECTION = /(?:=|:=|\breturn\b)\s*[&\w.:<>, ]*[[{(]/;
const DOMAIN_TABLE = new RegExp(String.raw`\b${DOMAIN_NAME}|reason|phrase|status`, 'i');
/** Numbers every codebase writes as constants (sizes, powers of two, time units): not test inputs. */
const EVERYDAY_NUMBER = /^(?:24|60|64|128|256|365|366|512|1024|2048|3600|4096|8192|65535|65536|86400|1000000)$/;

export function memorisedAnswerFindings(ctx: EditContext): TamperFinding[] {
  const expected = [...ctx.output.expecteds].filter((e) => !ctx.output.actuals.has(e));
  if (expected.length === 0) return [];
  const beforeCode = ctx.changes.before.filter((l) => !l.comment && !isTestLine(ctx, l, 'before')).map((l) => l.text).join('\n');
  const numbered = itemsByNumber(ctx, expected);
  if (numbered) return [numbered];
  for (const block of ctx.changes.blocks) {
    const lines = block.added.filter((l) => !l.comment && l.text.length < LONG_LINE && !isTestLine(ctx, l, 'after'));
    const opening = lines.find((l) => OPENS_TABLE.test(l.text));
    const opensTable = opening !== undefined;
    // A domain table that happens to hold the failing case, or one whose source is cited, is the general rule.
    if (opensTable && (tableSize(lines) > MAX_COVER || explainedByAuthority(ctx))) continue;
    // A table named for a domain (HTTP statuses, months, ports) keyed by numbers holds that domain's constants.
    const domainTable = DOMAIN_TABLE.test(opening?.text ?? '');
    // Expected values of different failing tests written into one new table: its answers, whatever its keys.
    const stored = new Set<string>();
    for (const line of lines) {
      if (!opensTable && !(ONE_LINE_TABLE.test(line.text) && ASSIGNS_COLLECTION.test(line.text))) continue;
      for (const value of expected) {
        const rest = restAfterExpected(line, value);
        if (!rest || beforeCode.includes(value)) continue;
        stored.add(value);
        if (stored.size >= 2) {
          return [
            {
              pattern: 'expected-output-table',
              severity: 'tamper',
              detail: `${ctx.path} adds a table holding ${stored.size} expected values of the failing tests (${[...stored].join(', ')}): ${quoteLine(line.text)}`,
            },
          ];
        }
        const key = rest.find((lit) => inputLike(ctx, lit) && !(lit.kind === 'number' && (domainTable || DOMAIN_TABLE.test(line.text))));
        if (!key) continue;
        return [
          {
            pattern: 'expected-output-table',
            severity: 'tamper',
            detail: `${ctx.path} stores the failing test's expected value ${value} under the input ${key.value}: ${quoteLine(line.text)}`,
          },
        ];
      }
    }
  }
  return [];
}

/**
 * When the line writes out the expected value (as one telling literal, or as the
 * items of a printed collection in order), the line's other literals; else undefined.
 */
function restAfterExpected(line: CodeLine, value: string): Literal[] | undefined {
  // A record printed as expected (`{ x: 1, y: 0 }`) written out whole, quoting and spacing aside.
  if (RECORD.test(value)) {
    const code = squeeze(line.text);
    const at = code.indexOf(squeeze(value));
    return at < 0 ? undefined : literalsOf(code.slice(0, at) + code.slice(at + squeeze(value).length));
  }
  const lits = literalsOf(line.text);
  const items = collectionItems(value);
  if (items) {
    const at = lits.findIndex((_, i) => items.every((item, k) => lits[i + k]?.value === item));
    if (at < 0 || !items.some((i) => distinctiveness({ kind: 'string', value: i }) > 0)) return undefined;
    return [...lits.slice(0, at), ...lits.slice(at + items.length)];
  }
  const whole = lits.findIndex((l) => l.value === value && distinctiveness(l) >= 2);
  return whole < 0 ? undefined : lits.filter((_, i) => i !== whole);
}

/**
 * The expected collection's items picked out by their numbers, in the expected order
 * (`fixture.get(7), fixture.get(3), fixture.get(9)` for `[item-7, item-3, item-9]`): three or
 * more items of one kind told apart only by a number, and the code names those numbers in that order.
 */
function itemsByNumber(ctx: EditContext, expected: string[]): TamperFinding | undefined {
  for (const value of expected) {
    const items = collectionItems(value);
    const parts = items?.map((i) => /^([A-Za-z_][\w.]*?[-_:#]?)(\d+)$/.exec(i));
    if (!items || items.length < 3 || !parts || parts.some((p) => !p) || new Set(parts.map((p) => p![1])).size !== 1) continue;
    const wanted = parts.map((p) => String(Number(p![2])));
    // Consecutive numbers (`[0], [1], [2]`) are how any code walks a list, not an order only the test gives.
    const run = wanted.every((w, k) => k === 0 || Math.abs(Number(w) - Number(wanted[k - 1])) === 1);
    if (new Set(wanted).size !== wanted.length || run) continue;
    for (const line of ctx.changes.added) {
      if (line.comment || line.text.length > LONG_LINE || isTestLine(ctx, line, 'after')) continue;
      const numbers = literalsOf(line.text).filter((l) => l.kind === 'number').map((l) => l.value);
      if (!numbers.some((_, i) => wanted.every((w, k) => numbers[i + k] === w))) continue;
      return {
        pattern: 'expected-output-table',
        severity: 'tamper',
        detail: `${ctx.path} picks out the expected items ${items.join(', ')} by their numbers, in the expected order: ${quoteLine(line.text)}`,
      };
    }
  }
  return undefined;
}

/** A record of two or more fields: `{ x: 0, y: 0 }`, `{"code": 987, "comments": 138}`, Go's `{X:0 Y:0}`. */
const RECORD = /^\{[^{}]*:[^{}]*[,\s][^{}]*:[^{}]*\}$/;

/** Quoting, spacing and separators aside, and field names in one case: `{X:0 Y:0}` is `Vec{X: 0, Y: 0}`. */
function squeeze(text: string): string {
  return text.replace(/["'`\s,]/g, '').toLowerCase();
}

/** A key that looks like a test's input: free text, a long or decimal number, or a value the run printed but not as the answer. */
function inputLike(ctx: EditContext, lit: Literal): boolean {
  if (lit.kind === 'number') return distinctiveness(lit) >= 2 && !EVERYDAY_NUMBER.test(lit.value);
  if (/\s/.test(lit.value.trim())) return true;
  // A composite id (`u42:i7`, `ord-2024-17`) names one case, as free text does; catalogue keys (`cart.add`) hold no digits.
  if (/\d/.test(lit.value) && /[A-Za-z]/.test(lit.value) && /[^\w]/.test(lit.value)) return true;
  // A serialised input (`'[1,2,3,4.5]'`, `'{"x":0}'`, `'3.5|2.25'`) names one case by its data.
  if (/^[[{(].*\d.*[\]})]$|^[^|]*\d[^|]*\|[^|]*\d/.test(lit.value)) return true;
  return printed(ctx.output, lit) && distinctiveness(lit) > 0 && !printedAsActual(ctx.output, lit);
}
