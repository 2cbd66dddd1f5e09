import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defaultPythonPath } from './create-python-executor.js';

const run = promisify(execFile);

/** The scientific stack `codeact serve` preloads by default (what of it is installed). */
export const scientificPreload = ['numpy', 'pandas', 'matplotlib', 'sklearn'] as const;

const moduleName = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

const findSource = `
import importlib.util, json, sys
missing = []
for name in sys.argv[1:]:
    try:
        found = importlib.util.find_spec(name.split('.')[0]) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        missing.append(name)
print(json.dumps(missing))
`;

/**
 * Splits `names` into the modules the interpreter can import and those it cannot, looking for
 * each top-level package with `importlib.util.find_spec` (nothing is imported; one short run).
 */
export async function findInstalledModules(
  names: readonly string[],
  pythonPath = process.env.CODEACT_PYTHON ?? defaultPythonPath,
): Promise<{ installed: string[]; missing: string[] }> {
  const valid = names.filter((name) => moduleName.test(name));
  const invalid = names.filter((name) => !moduleName.test(name));
  if (valid.length === 0) return { installed: [], missing: invalid };
  const { stdout } = await run(pythonPath, ['-I', '-c', findSource, ...valid], {
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
    timeout: 30_000,
  });
  const missing = new Set(JSON.parse(stdout) as string[]);
  return {
    installed: valid.filter((name) => !missing.has(name)),
    missing: [...invalid, ...valid.filter((name) => missing.has(name))],
  };
}
