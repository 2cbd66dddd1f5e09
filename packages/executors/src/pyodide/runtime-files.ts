import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the Pyodide package and the plain-JS child runtime live on this host. */
export type RuntimeFiles = {
  /** The `pyodide` npm package directory (real path): the only tree the child may read besides `runtimeDir`. */
  readonly pyodideDir: string;
  /** `packages/executors/runtime/pyodide`: shipped as plain ESM so it runs from `src` and `dist` alike. */
  readonly runtimeDir: string;
  readonly childScript: string;
  readonly runnerScript: string;
  /** `python/codeact_rules.py`: the cell rules shared with the CPython runner, run before `runnerScript`. */
  readonly rulesScript: string;
  readonly pyodideVersion: string;
  readonly pythonVersion: string;
};

let cached: RuntimeFiles | undefined;

/** Resolves the runtime files once; both `src/pyodide` and `dist/pyodide` sit two levels below the package. */
export function locateRuntimeFiles(): RuntimeFiles {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const pyodideDir = realpathSync(dirname(require.resolve('pyodide/package.json')));
  const runtimeDir = realpathSync(fileURLToPath(new URL('../../runtime/pyodide/', import.meta.url)));
  const packageJson = JSON.parse(readFileSync(`${pyodideDir}/package.json`, 'utf8')) as { version?: unknown };
  const lockHead = readFileSync(`${pyodideDir}/pyodide-lock.json`, 'utf8').slice(0, 2000);
  cached = {
    pyodideDir,
    runtimeDir,
    childScript: `${runtimeDir}/child.mjs`,
    runnerScript: `${runtimeDir}/runner.py`,
    rulesScript: realpathSync(fileURLToPath(new URL('../../python/codeact_rules.py', import.meta.url))),
    pyodideVersion: String(packageJson.version ?? 'unknown'),
    pythonVersion: /"python":\s*"([^"]+)"/.exec(lockHead)?.[1] ?? 'unknown',
  };
  return cached;
}
