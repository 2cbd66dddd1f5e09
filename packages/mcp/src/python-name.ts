import { isPythonIdentifier } from '@codeact/core';

/**
 * A Python identifier for an MCP name: every character outside `[A-Za-z0-9_]` becomes `_`
 * (`get-sum` → `get_sum`), a leading digit or a keyword gets a `_` suffix or prefix, and a name
 * already taken gets `_2`, `_3`, ….
 */
export function pythonName(name: string, taken: ReadonlySet<string> = new Set()): string {
  let base = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
  if (base === '') base = 'tool';
  if (/^[0-9]/.test(base)) base = `_${base}`;
  if (!isPythonIdentifier(base)) base = `${base}_`;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}_${n}`;
  return candidate;
}
