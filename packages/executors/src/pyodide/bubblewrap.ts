import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

const candidates = ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'];
const rootLinks = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

export type BubblewrapMounts = {
  /** Host paths visible read-only at the same path inside. */
  readonly readOnly: readonly string[];
  /** Host paths visible read-write at the same path inside. */
  readonly readWrite: readonly string[];
  readonly chdir: string;
};

/** The system tree Node needs, read-only: /usr, the root links to it, and Node's own prefix. */
function systemMounts(execPath: string): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const path of rootLinks) {
    if (!existsSync(path)) continue;
    if (lstatSync(path).isSymbolicLink()) args.push('--symlink', readlinkSync(path), path);
    else args.push('--ro-bind', path, path);
  }
  const node = realpathSync(execPath);
  if (!node.startsWith('/usr/')) {
    const prefix = dirname(dirname(node));
    args.push('--ro-bind', prefix, prefix);
  }
  return args;
}

/**
 * bubblewrap arguments that put the child in new user, PID, network, IPC, UTS and mount namespaces:
 * no network interfaces, no view of host processes (so no signals to them), an empty environment,
 * no capabilities, and only the listed paths of the host file system. Dies with the host.
 */
export function bubblewrapArguments(execPath: string, mounts: BubblewrapMounts): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--clearenv'];
  args.push('--hostname', 'codeact', ...systemMounts(execPath));
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  for (const path of mounts.readOnly) args.push('--ro-bind', path, path);
  for (const path of mounts.readWrite) args.push('--bind', path, path);
  args.push('--chdir', mounts.chdir, '--');
  return args;
}

let probed: string | undefined | null = null;

/** The bubblewrap binary when it exists and can start Node in fresh namespaces here (checked once). */
export function usableBubblewrap(execPath: string): string | undefined {
  if (probed !== null) return probed;
  probed = undefined;
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
    } catch {
      continue;
    }
    const args = [...bubblewrapArguments(execPath, { readOnly: [], readWrite: [], chdir: '/' }), execPath, '-e', '0'];
    const result = spawnSync(path, args, { env: {}, stdio: 'ignore', timeout: 10_000 });
    if (result.status === 0) probed = path;
    break;
  }
  return probed;
}
