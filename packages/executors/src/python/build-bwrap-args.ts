import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the session's work directory appears inside the sandbox. */
export const sandboxWorkDir = '/work';
/** Where the REPL's directory appears inside the sandbox (read-only). */
export const sandboxReplDir = '/codeact';
/** Where the session's site dir (packages installed on demand) appears inside the sandbox (read-only). */
export const sandboxSiteDir = '/codeact/site';

/** The only parts of /etc Python, its libraries and matplotlib read: no secrets, no sockets. */
const etcEntries = [
  '/etc/alternatives',
  '/etc/ld.so.cache',
  '/etc/localtime',
  '/etc/matplotlibrc',
  '/etc/mime.types',
  '/etc/fonts',
  '/etc/python3',
];

/** System caches read by libraries (fontconfig's, so matplotlib's first text does not rebuild it in $HOME). */
const cacheEntries = ['/var/cache/fontconfig'];

const rootLinks = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

export type BwrapArgsOptions = {
  readonly pythonPath: string;
  readonly pythonArgs: readonly string[];
  /** Host directory holding the REPL files, and the entry file's name in it. */
  readonly replDir: string;
  readonly replEntry: string;
  readonly workDir: string;
  /** Host directory of the packages installed for this session, bound read-only at `sandboxSiteDir`. */
  readonly siteDir: string;
  readonly env: Readonly<Record<string, string>>;
  /** Unprivileged uid/gid inside the sandbox, or undefined to keep the caller's. */
  readonly uid: number | undefined;
  readonly tmpSizeBytes: number;
  /** The sandbox's own account files, bound over /etc/passwd and /etc/group. */
  readonly passwdFile: string;
  readonly groupFile: string;
  /** The file descriptor (in bwrap) carrying the seccomp filter, when there is one. */
  readonly seccompFd?: number | undefined;
};

function systemBinds(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const path of rootLinks) {
    if (!existsSync(path)) continue;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
    else args.push('--ro-bind', path, path);
  }
  for (const path of [...etcEntries, ...cacheEntries]) args.push('--ro-bind-try', path, path);
  for (const name of readdirSync('/etc')) {
    if (/^python3\.\d+$/.test(name)) args.push('--ro-bind', `/etc/${name}`, `/etc/${name}`);
  }
  return args;
}

/** Read-only bind of an interpreter that lives outside /usr (e.g. /opt/python/3.12). */
function pythonBinds(pythonPath: string): string[] {
  const real = realpathSync(pythonPath);
  if (real.startsWith('/usr/')) return [];
  const prefix = dirname(dirname(real));
  return ['--ro-bind', prefix, prefix];
}

/**
 * The bubblewrap command line for one sandboxed REPL: every namespace unshared (so no network),
 * dies with the host, own session (no TIOCSTI), empty environment plus `env`, no capabilities,
 * a read-only system, a private /tmp, fresh /proc and /dev, a read-only site dir and one writable work directory.
 */
export function buildBwrapArgs(options: BwrapArgsOptions): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL'];
  if (options.uid !== undefined) {
    args.push('--unshare-user', '--uid', String(options.uid), '--gid', String(options.uid), '--disable-userns');
  }
  args.push('--hostname', 'codeact', '--clearenv');
  for (const [name, value] of Object.entries(options.env)) args.push('--setenv', name, value);
  args.push(...systemBinds(), ...pythonBinds(options.pythonPath));
  args.push('--ro-bind', options.passwdFile, '/etc/passwd', '--ro-bind', options.groupFile, '/etc/group');
  if (options.seccompFd !== undefined) args.push('--seccomp', String(options.seccompFd));
  const size = String(options.tmpSizeBytes);
  // /dev is a tmpfs sized at half the host's RAM: keep it read-only and give /dev/shm its own limit.
  args.push(
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    size,
    '--tmpfs',
    '/dev/shm',
    '--size',
    size,
    '--tmpfs',
    '/tmp',
  );
  args.push('--ro-bind', options.replDir, sandboxReplDir, '--ro-bind', options.siteDir, sandboxSiteDir);
  args.push('--bind', options.workDir, sandboxWorkDir, '--chdir', sandboxWorkDir);
  // Last: the root tmpfs holding the mount points becomes read-only too (/tmp and /work stay writable).
  args.push('--remount-ro', '/dev', '--remount-ro', '/');
  args.push('--', options.pythonPath, ...options.pythonArgs, `${sandboxReplDir}/${options.replEntry}`);
  return args;
}
