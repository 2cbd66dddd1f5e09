import { evaluatePythonLiteral, PyException, type PyValue, parsePythonFloat } from '@codeact/mint';
import type { AnswerChecker } from './answer-checker.js';

type Value =
  | { type: 'string'; normalized: string }
  | { type: 'number'; normalized: string; amount: number }
  | { type: 'date'; normalized: string; ymd: [number, number, number] };

/** The official WikiTableQuestions evaluator's string normalisation (v1.0.2). */
export function normaliseWtqString(text: string): string {
  let value = text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[‘’´`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—−]/g, '-');
  for (;;) {
    const before = value;
    value = value.trim().replace(/(?:(?<!^)\[[^\]]*\]|\[\d+\]|[•♦†‡*#+])*$/u, '');
    value = value.trim().replace(/(?<!^)(?: \([^)]*\))*$/, '');
    value = value.trim().replace(/^"([^"]*)"$/, '$1');
    if (value === before) break;
  }
  if (value.endsWith('.')) value = value.slice(0, -1);
  return value.replace(/\s+/gu, ' ').toLowerCase().trim();
}

function parseNumber(text: string): number | undefined {
  if (/^[+-]?\d+$/.test(text.trim())) return Number(text.trim());
  const value = parsePythonFloat(text);
  return value === undefined || !Number.isFinite(value) ? undefined : value;
}

function parseDate(text: string): [number, number, number] | undefined {
  const parts = text.toLowerCase().split('-');
  if (parts.length !== 3) return undefined;
  const field = (part: string, missing: string[]) =>
    missing.includes(part) ? -1 : /^\d+$/.test(part) ? Number(part) : Number.NaN;
  const year = field(parts[0] as string, ['xx', 'xxxx']);
  const month = field(parts[1] as string, ['xx']);
  const day = field(parts[2] as string, ['xx']);
  if ([year, month, day].some(Number.isNaN)) return undefined;
  if (year === -1 && month === -1 && day === -1) return undefined;
  if (month !== -1 && (month < 1 || month > 12)) return undefined;
  if (day !== -1 && (day < 1 || day > 31)) return undefined;
  return [year, month, day];
}

function toValue(original: string): Value {
  const normalized = normaliseWtqString(original);
  const amount = parseNumber(original);
  if (amount !== undefined) return { type: 'number', normalized, amount };
  const ymd = parseDate(original);
  if (ymd) {
    return ymd[1] === -1 && ymd[2] === -1
      ? { type: 'number', normalized, amount: ymd[0] }
      : { type: 'date', normalized, ymd };
  }
  return { type: 'string', normalized };
}

function matches(target: Value, predicted: Value): boolean {
  if (target.type === 'number' && predicted.type === 'number') return Math.abs(target.amount - predicted.amount) < 1e-6;
  if (target.type === 'date' && predicted.type === 'date')
    return target.ymd.every((part, index) => part === predicted.ymd[index]);
  return target.normalized === predicted.normalized;
}

function valueSet(items: readonly string[]): Value[] {
  const seen = new Map<string, Value>();
  for (const item of items) {
    const value = toValue(item);
    seen.set(value.type === 'number' ? `n:${value.amount}` : `${value.type}:${value.normalized}`, value);
  }
  return [...seen.values()];
}

type Literal = string | number | boolean | null | Literal[];

function toLiteral(value: PyValue): Literal {
  switch (value.type) {
    case 'none':
      return null;
    case 'bool':
    case 'float':
    case 'str':
      return value.value;
    case 'int':
      return Number(value.value);
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.map(toLiteral);
    default:
      return String(value.type);
  }
}

/** `ast.literal_eval(answer)` with `@codeact/mint`'s evaluator; `undefined` when it raises. */
function readLiteral(text: string): Literal | undefined {
  try {
    return toLiteral(evaluatePythonLiteral(text));
  } catch (error) {
    if (error instanceof PyException) return undefined;
    throw error;
  }
}

function literalItems(value: Literal): string[] {
  if (Array.isArray(value)) return value.map((item) => (Array.isArray(item) ? JSON.stringify(item) : String(item)));
  return [value === null ? 'None' : typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)];
}

/**
 * code-act's WikiTableQuestions check (spec §1.6): the answer as a Python literal (a list gives
 * several values), each value a number, date or normalised string; right iff the sets have the same
 * size and every target matches a predicted value. `reference` is the list of target values.
 */
export function isWtqAnswerCorrect(answer: string, reference: unknown): boolean {
  const prepare = (text: string) => (/^[\d,]+$/.test(text.trim()) ? text.replaceAll(',', '') : text);
  const solution = prepare(answer.trim());
  const literal = readLiteral(solution);
  const predicted = valueSet(literal === undefined ? [solution] : literalItems(literal));
  const targets = valueSet((Array.isArray(reference) ? reference : [reference]).map((item) => prepare(String(item))));
  if (targets.length !== predicted.length) return false;
  return targets.every((target) => predicted.some((value) => matches(target, value)));
}

export const wtqChecker: AnswerChecker = {
  name: 'wtq',
  check: ({ answer, task }) => isWtqAnswerCorrect(answer, task.reference),
};
