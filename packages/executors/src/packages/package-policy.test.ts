import { describe, expect, it } from 'vitest';
import { checkPackageRules, parsePackageRules } from './package-policy.js';
import { parsePackageRequests } from './package-request.js';

describe('package rules file', () => {
  it('reads allow and deny lines with comments and normalizes names', () => {
    const rules = parsePackageRules('# team rules\nallow NumPy\nallow pandas  # data\n\ndeny Evil_Pkg\n');
    expect(rules).toEqual({ allow: ['numpy', 'pandas'], deny: ['evil-pkg'] });
    expect(checkPackageRules(rules, 'numpy').verdict).toBe('allow');
    expect(checkPackageRules(rules, 'evil-pkg')).toEqual({
      verdict: 'deny',
      reason: 'evil-pkg is denied by the package policy file',
    });
    expect(checkPackageRules(rules, 'requests').reason).toBe("requests is not on the package policy file's allowlist");
  });

  it('leaves names to the policy when there is no allowlist, and * covers every package', () => {
    expect(checkPackageRules(parsePackageRules('deny evil'), 'requests').verdict).toBe('policy');
    expect(checkPackageRules(parsePackageRules('allow *\ndeny evil'), 'requests').verdict).toBe('allow');
    expect(checkPackageRules(parsePackageRules('deny *'), 'requests').verdict).toBe('deny');
  });

  it('names the line of a malformed rule', () => {
    expect(() => parsePackageRules('allow a\npermit b', 'rules.txt')).toThrow(
      'rules.txt, line 2: expected "allow NAME" or "deny NAME" (or * for every package), got "permit b".',
    );
  });
});

describe('package requests', () => {
  it('accepts names with versions and extras, normalizing the name', () => {
    expect(parsePackageRequests(['Requests', 'numpy==1.26.4', 'pandas[excel] >= 2.0,<3'])).toEqual([
      { name: 'requests', spec: 'Requests' },
      { name: 'numpy', spec: 'numpy==1.26.4' },
      { name: 'pandas', spec: 'pandas[excel]>=2.0,<3' },
    ]);
  });

  it('refuses options, paths and URLs', () => {
    for (const bad of ['-r/etc/passwd', '--index-url=http://x', './local.whl', 'https://x/y.whl', 'a; b']) {
      expect(() => parsePackageRequests([bad])).toThrow(/is not a package requirement/);
    }
    expect(() => parsePackageRequests([])).toThrow(/Name at least one package/);
  });
});
