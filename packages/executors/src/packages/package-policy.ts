import { normalizePackageName } from './package-request.js';

/** Whether installs run without asking (`allow`), after the user approves (`ask`), or never (`deny`). */
export type PackagePolicy = 'ask' | 'allow' | 'deny';

export const packagePolicies: readonly PackagePolicy[] = ['ask', 'allow', 'deny'];

/** Names always allowed (skipping `ask`) and never allowed, from a `--packages-policy` file. */
export type PackageRules = { readonly allow: readonly string[]; readonly deny: readonly string[] };

/**
 * Reads a policy file: one rule a line, `allow NAME` or `deny NAME`, `*` as the whole name meaning
 * every package; `#` starts a comment. With any `allow` line, names not allowed are denied.
 */
export function parsePackageRules(text: string, source = 'the package policy file'): PackageRules {
  const allow: string[] = [];
  const deny: string[] = [];
  text.split('\n').forEach((line, index) => {
    const rule = line.replace(/#.*/, '').trim();
    if (rule === '') return;
    const [verb, name, extra] = rule.split(/\s+/);
    if ((verb !== 'allow' && verb !== 'deny') || name === undefined || extra !== undefined) {
      throw new TypeError(
        `${source}, line ${index + 1}: expected "allow NAME" or "deny NAME" (or * for every package), got ${JSON.stringify(rule)}.`,
      );
    }
    (verb === 'allow' ? allow : deny).push(name === '*' ? '*' : normalizePackageName(name));
  });
  return { allow, deny };
}

/** `deny` with the reason when the rules forbid `name`, `allow` when they allow it outright, else `ask`. */
export function checkPackageRules(
  rules: PackageRules | undefined,
  name: string,
): { verdict: 'allow' | 'deny' | 'policy'; reason?: string } {
  if (!rules) return { verdict: 'policy' };
  if (rules.deny.includes(name) || rules.deny.includes('*')) {
    return { verdict: 'deny', reason: `${name} is denied by the package policy file` };
  }
  if (rules.allow.includes(name) || rules.allow.includes('*')) return { verdict: 'allow' };
  if (rules.allow.length > 0)
    return { verdict: 'deny', reason: `${name} is not on the package policy file's allowlist` };
  return { verdict: 'policy' };
}
