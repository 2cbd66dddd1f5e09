import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { shareReadOnly } from './grant-to-sandbox.js';
import { sandboxGroup, sandboxPasswd } from './sandbox-accounts.js';
import { deniedSyscalls, writeSeccompFilter } from './seccomp-policy.js';
import { trackTemporaryDirectory } from './temporary-directories.js';

const run = promisify(execFile);

/** The REPL sources shipped with this package (`python/`). */
export const replSourceDir = fileURLToPath(new URL('../../python', import.meta.url));

/** How sessions start the REPL with this interpreter. */
export type ReplRuntime = {
  /**
   * Holds `codeact_repl`, `codeact_cell` and `codeact_rules` (bytecode for this interpreter, or the
   * sources as a fallback) and the empty `site` directory, the mount point of a session's site dir.
   */
  readonly directory: string;
  readonly entry: 'codeact_repl.pyc' | 'codeact_repl.py';
  readonly pythonArgs: readonly string[];
  /** The `sys.path` a normal start would build (site-packages, .pth paths), set by the REPL under -S. */
  readonly sysPath: readonly string[] | undefined;
  readonly version: string;
  /** The sandbox's own /etc/passwd and /etc/group (root and the sandbox user only). */
  readonly passwdFile: string;
  readonly groupFile: string;
  /** BPF of the seccomp filter (`deniedSyscalls`), or undefined where python3-seccomp is missing. */
  readonly seccompFile: string | undefined;
  /** Removes the directory of the bytecode and the files above. */
  dispose(): Promise<void>;
};

/** The mount point of a session's site dir, inside the REPL directory. */
export const replSiteDir = 'site';

const replSources = ['codeact_repl.py', 'codeact_cell.py', 'codeact_rules.py'];

/** Uid and gid the sandbox runs as inside its user namespace. */
export const sandboxId = 65534;

const prepareSource = `
import json, py_compile, sys
source, target = sys.argv[1], sys.argv[2]
compiled = True
try:
    for name in ("codeact_repl", "codeact_cell", "codeact_rules"):
        py_compile.compile(f"{source}/{name}.py", cfile=f"{target}/{name}.pyc", dfile=f"<{name}>", doraise=True)
except Exception:
    compiled = False
print(json.dumps({"version": sys.version.split()[0], "path": sys.path, "compiled": compiled}))
`;

/**
 * Compiles the REPL to bytecode with the target interpreter once per executor (trusted code only,
 * outside the sandbox) and records its default `sys.path`. Sessions then start with `-I -S` from
 * the bytecode: no source compilation and no `site` processing on every start or respawn.
 */
export async function prepareRepl(pythonPath: string): Promise<ReplRuntime> {
  const directory = await mkdtemp(join(tmpdir(), 'codeact-repl-'));
  const untrack = trackTemporaryDirectory(directory);
  const dispose = async () => {
    await rm(directory, { recursive: true, force: true });
    untrack();
  };
  try {
    const environment = { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' }, timeout: 60_000 };
    const seccompFile = join(directory, 'seccomp.bpf');
    const [compile, filter] = await Promise.all([
      run(pythonPath, ['-I', '-c', prepareSource, replSourceDir, directory], environment),
      run(pythonPath, ['-I', '-c', writeSeccompFilter, seccompFile, JSON.stringify(deniedSyscalls)], environment),
    ]);
    const facts = JSON.parse(compile.stdout) as { version: string; path: string[]; compiled: boolean };
    const files = {
      passwdFile: join(directory, 'passwd'),
      groupFile: join(directory, 'group'),
      seccompFile: filter.stdout.trim() === 'true' ? seccompFile : undefined,
    };
    await writeFile(files.passwdFile, sandboxPasswd(sandboxId));
    await writeFile(files.groupFile, sandboxGroup(sandboxId));
    await mkdir(join(directory, replSiteDir));
    await chmod(join(directory, replSiteDir), 0o755);
    await shareReadOnly(directory, ['passwd', 'group']);
    if (files.seccompFile) await chmod(files.seccompFile, 0o644);
    if (facts.compiled) {
      await shareReadOnly(directory, ['codeact_repl.pyc', 'codeact_cell.pyc', 'codeact_rules.pyc']);
      return {
        directory,
        entry: 'codeact_repl.pyc',
        pythonArgs: ['-I', '-S'],
        sysPath: facts.path,
        version: facts.version,
        ...files,
        dispose,
      };
    }
    for (const name of replSources) await copyFile(join(replSourceDir, name), join(directory, name));
    await shareReadOnly(directory, replSources);
    return {
      directory,
      entry: 'codeact_repl.py',
      pythonArgs: ['-I'],
      sysPath: undefined,
      version: facts.version,
      ...files,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
