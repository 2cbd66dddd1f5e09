import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationError } from '@codeact/core';
import type { PackageOptions, PackagePolicy } from '@codeact/executors';
import type { CliValues } from './cli-options.js';

/**
 * Packages on demand from `--packages`, `--packages-policy`, `--index-url`, `--pyodide-index-url` and `--allow-sdist`.
 * `defaultPolicy` is `ask` where someone can answer (chat, serve), else `deny`. A local directory
 * given as the index becomes a file:// URL.
 */
export async function resolvePackageOptions(
  values: CliValues,
  defaultPolicy: PackagePolicy,
  cwd: string,
): Promise<PackageOptions> {
  const { parsePackageRules } = await import('@codeact/executors');
  const policy = (values.packages as PackagePolicy | undefined) ?? defaultPolicy;
  const file = values['packages-policy'];
  let rules: PackageOptions['rules'];
  if (file) {
    const text = await readFile(resolve(cwd, file), 'utf8').catch(() => {
      throw new ConfigurationError(`Cannot read --packages-policy ${file}: no such file.`);
    });
    try {
      rules = parsePackageRules(text, file);
    } catch (error) {
      throw new ConfigurationError(`--packages-policy ${(error as Error).message}`);
    }
  }
  const asUrl = (index: string | undefined) =>
    index === undefined || /^(https?|file):/.test(index) ? index : pathToFileURL(resolve(cwd, index)).href;
  return {
    policy,
    rules,
    indexUrl: asUrl(values['index-url']),
    pyodideIndexUrl: asUrl(values['pyodide-index-url']),
    allowSdist: values['allow-sdist'] ?? false,
  };
}
