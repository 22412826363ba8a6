/** Seeded damage for fuzzing: byte-level edits, and valid JSON with odd types in odd places. */

const ODD_VALUES: unknown[] = [null, 0, -1, 1e308, '', 'x', '\u0000', [], {}, [null], { type: 'tool_use' }, true, '9'.repeat(30), '\ud800'];

export function mutateValue(value: unknown, rand: () => number, depth = 0): unknown {
  if (rand() < 0.15 || depth > 6) return ODD_VALUES[Math.floor(rand() * ODD_VALUES.length)];
  if (Array.isArray(value)) {
    const copy = value.map((v) => (rand() < 0.3 ? mutateValue(v, rand, depth + 1) : v));
    if (rand() < 0.2) copy.push(ODD_VALUES[Math.floor(rand() * ODD_VALUES.length)]);
    return copy;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (rand() < 0.05) continue;
      out[k] = rand() < 0.3 ? mutateValue(v, rand, depth + 1) : v;
    }
    return out;
  }
  return value;
}

const GARBAGE = ['{', '}', '"', '\\', '\u0000', '\uffff', '😀', '\r', '[', ']', ',', ':', 'null', '\u001b[31m'];

/** One damaged line: byte-level edits, or structurally valid JSON with odd types. */
export function mutateLine(line: string, rand: () => number): string {
  const r = rand();
  if (r < 0.2) return line;
  if (r < 0.45) {
    try {
      return JSON.stringify(mutateValue(JSON.parse(line), rand));
    } catch {
      // not JSON (aider): fall through to byte edits
    }
  }
  if (r < 0.5) return Array.from({ length: Math.floor(rand() * 200) }, () => String.fromCharCode(Math.floor(rand() * 0x3000))).join('');
  let s = line;
  const edits = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const op = rand();
    if (op < 0.3) s = s.slice(0, at);
    else if (op < 0.6) s = s.slice(0, at) + GARBAGE[Math.floor(rand() * GARBAGE.length)] + s.slice(at);
    else if (op < 0.8) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 10));
    else s = s.slice(0, at) + s.slice(Math.floor(rand() * s.length));
  }
  return s;
}
