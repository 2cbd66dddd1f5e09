import { describe, expect, it } from 'vitest';
import { buildBwrapArgs } from './build-bwrap-args.js';

const options = {
  pythonPath: '/usr/bin/python3',
  pythonArgs: ['-I', '-S'],
  replDir: '/tmp/repl',
  replEntry: 'codeact_repl.pyc',
  workDir: '/srv/session-1',
  siteDir: '/srv/site-1',
  env: { HOME: '/work', SECRET_LOOKING: 'only-what-was-passed' },
  uid: 65534,
  tmpSizeBytes: 1024,
};

describe('buildBwrapArgs', () => {
  const args = buildBwrapArgs(options);
  const joined = args.join(' ');

  it('unshares everything, drops privileges and starts from an empty environment', () => {
    expect(args.slice(0, 5)).toEqual(['--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL']);
    expect(joined).toContain('--unshare-user --uid 65534 --gid 65534 --disable-userns');
    expect(joined).toContain('--clearenv --setenv HOME /work --setenv SECRET_LOOKING only-what-was-passed');
    expect(args).not.toContain('--share-net');
  });

  it('binds one writable directory and makes everything else read-only', () => {
    const writable = args.flatMap((arg, index) =>
      arg === '--bind' ? [`${args[index + 1]} -> ${args[index + 2]}`] : [],
    );
    expect(writable).toEqual(['/srv/session-1 -> /work']);
    expect(joined).toContain('--ro-bind /tmp/repl /codeact --ro-bind /srv/site-1 /codeact/site');
    expect(joined).toContain('--size 1024 --tmpfs /dev/shm --size 1024 --tmpfs /tmp');
    expect(joined).not.toMatch(/--ro-bind(-try)? \/etc \/etc/);
  });

  it('remounts the root and /dev read-only after every mount, right before the command', () => {
    const separator = args.indexOf('--');
    expect(args.slice(separator - 4, separator)).toEqual(['--remount-ro', '/dev', '--remount-ro', '/']);
    expect(args.slice(separator + 1)).toEqual(['/usr/bin/python3', '-I', '-S', '/codeact/codeact_repl.pyc']);
  });

  it('keeps the caller uid when asked to', () => {
    expect(buildBwrapArgs({ ...options, uid: undefined })).not.toContain('--uid');
  });
});
