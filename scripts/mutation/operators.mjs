// Mutant generation: walks a TypeScript file's syntax tree (with the compiler
// the project already builds with) and proposes one small, well-understood
// change per site. Working on the tree rather than on text means strings,
// comments, regular expressions and type annotations are never touched, and
// line numbers come from the file as it is today, never from a list.
import ts from 'typescript';
import { seeded } from '../../test/support/seeded.ts';

/** Relational: the boundary moved, or the comparison negated (as StrykerJS's equality operator does). */
const COMPARISONS = new Map([
  [ts.SyntaxKind.LessThanToken, ['<=', '>=']],
  [ts.SyntaxKind.LessThanEqualsToken, ['<', '>']],
  [ts.SyntaxKind.GreaterThanToken, ['>=', '<=']],
  [ts.SyntaxKind.GreaterThanEqualsToken, ['>', '<']],
  [ts.SyntaxKind.EqualsEqualsEqualsToken, ['!==']],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, ['===']],
  [ts.SyntaxKind.EqualsEqualsToken, ['!=']],
  [ts.SyntaxKind.ExclamationEqualsToken, ['==']],
]);
const LOGICAL = new Map([
  [ts.SyntaxKind.AmpersandAmpersandToken, '||'],
  [ts.SyntaxKind.BarBarToken, '&&'],
]);

/**
 * @typedef {{ start: number, end: number, replacement: string, operator: string, line: number, code: string, before: string, after: string }} Mutant
 * @param {string} fileName
 * @param {string} text
 * @returns {Mutant[]}
 */
export function generateMutants(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = text.split('\n');
  /** @type {Mutant[]} */
  const mutants = [];
  const add = (start, end, replacement, operator) => {
    const before = text.slice(start, end);
    if (before === replacement) return;
    const { line } = sf.getLineAndCharacterOfPosition(start);
    const code = oneLine(lines[line] ?? '', 100);
    mutants.push({ start, end, replacement, operator, line: line + 1, code, before: oneLine(before), after: oneLine(replacement) });
  };

  const visit = (node) => {
    // Types, imports and declarations-only code have no behaviour to change.
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (node.flags & ts.NodeFlags.Ambient) return;

    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken;
      for (const to of COMPARISONS.get(op.kind) ?? []) add(op.getStart(sf), op.getEnd(), to, 'comparison');
      const swap = LOGICAL.get(op.kind);
      if (swap) add(op.getStart(sf), op.getEnd(), swap, 'logical');
    }
    if (ts.isNumericLiteral(node) && !isPropertyName(node)) {
      const value = Number(node.text);
      // Whole numbers only, and small ones: one more millisecond or byte in 60_000 or 65_536 changes nothing a test could see.
      if (Number.isInteger(value) && value <= 1000) {
        add(node.getStart(sf), node.getEnd(), String(value + 1), 'off-by-one');
        if (value >= 1) add(node.getStart(sf), node.getEnd(), String(value - 1), 'off-by-one');
      }
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) add(node.getStart(sf), node.getEnd(), 'false', 'boolean');
    if (node.kind === ts.SyntaxKind.FalseKeyword) add(node.getStart(sf), node.getEnd(), 'true', 'boolean');

    const condition = conditionOf(node);
    if (condition) {
      if (ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken) {
        add(condition.getStart(sf), condition.getEnd(), condition.operand.getText(sf), 'negate-condition');
      } else {
        add(condition.getStart(sf), condition.getEnd(), `!(${condition.getText(sf)})`, 'negate-condition');
      }
    }
    if (ts.isContinueStatement(node) || ts.isBreakStatement(node) || (ts.isReturnStatement(node) && isEarlyReturn(node))) {
      add(node.getStart(sf), node.getEnd(), ';', 'drop-statement');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return mutants;
}

/** The condition of an if, loop or ternary. */
function conditionOf(node) {
  if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) return node.expression;
  if (ts.isForStatement(node)) return node.condition;
  if (ts.isConditionalExpression(node)) return node.condition;
  return undefined;
}

/** A return guarded by an if: dropping it lets the code below run when it should not. The last return of a function is left alone (dropping it only returns undefined). */
function isEarlyReturn(node) {
  const parent = node.parent;
  if (ts.isIfStatement(parent)) return true;
  return ts.isBlock(parent) && ts.isIfStatement(parent.parent);
}

/** `{ 0: x }`: a property name, not a value. */
function isPropertyName(node) {
  return ts.isPropertyAssignment(node.parent) && node.parent.name === node;
}

function oneLine(s, max = 60) {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

/** Applies one mutant to the text it was generated from. */
export function applyMutant(text, mutant) {
  return text.slice(0, mutant.start) + mutant.replacement + text.slice(mutant.end);
}


function hashString(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Picks `count` mutants of one file: a seeded shuffle keyed by the seed and the
 * file's path, so a file's sample does not change when other files are added.
 */
export function sampleMutants(mutants, count, seed, fileName) {
  // The tests' own seeded generator (mulberry32): the same seed and file give the same sample on every machine.
  const random = seeded(seed ^ hashString(fileName));
  const pool = [...mutants];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count).sort((a, b) => a.start - b.start);
}
