import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPythonExecutor } from '../python/create-python-executor.js';
import { useSession } from './session-fixture.js';

/** Account names of the host other than root: none may be visible in the sandbox. */
const hostAccounts = readFileSync('/etc/passwd', 'utf8')
  .split('\n')
  .map((line) => line.split(':')[0] ?? '')
  .filter((name) => name !== '' && name !== 'root');

describe('adversarial: host information in the CPython sandbox', () => {
  const fixture = useSession(() => createPythonExecutor());

  const run = async (code: string) => {
    const execution = await fixture.session.execute({ code });
    expect(execution.error).toBeUndefined();
    return execution.stdout;
  };

  it('has its own passwd and group: root and the sandbox user only', async () => {
    const passwd = await run('print(open("/etc/passwd").read(), end="")');
    const group = await run('print(open("/etc/group").read(), end="")');
    expect(
      passwd
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual(['root', 'sandbox']);
    expect(
      group
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual(['root', 'sandbox']);
    const names = await run(
      'import pwd, grp\nprint(sorted({p.pw_name for p in pwd.getpwall()} | {g.gr_name for g in grp.getgrall()}))',
    );
    expect(names.trim()).toBe("['root', 'sandbox']");
    expect(await run('import getpass\nprint(getpass.getuser())')).toBe('sandbox\n');
    for (const name of hostAccounts) expect(passwd + group).not.toContain(`${name}:`);
  });

  it('binds no other account, host or network file of /etc', async () => {
    const present = await run(
      [
        'import os',
        'names = ["shadow", "gshadow", "hosts", "hostname", "resolv.conf", "machine-id", "os-release", "subuid", "sudoers", "ssh"]',
        'print([n for n in names if os.path.exists("/etc/" + n)])',
      ].join('\n'),
    );
    expect(present.trim()).toBe('[]');
  });

  it('shows its own hostname, an allow-listed environment and no host processes', async () => {
    expect(await run('import socket\nprint(socket.gethostname())')).toBe('codeact\n');
    const keys = await run('import os\nprint(sorted(os.environ))');
    expect(keys.trim()).toBe(
      "['HOME', 'LANG', 'MKL_NUM_THREADS', 'MPLBACKEND', 'MPLCONFIGDIR', 'NUMEXPR_NUM_THREADS', 'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PWD']",
    );
    const processes = await run('import os\nprint(sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))');
    expect(processes.trim()).toBe('[1, 2]');
  });
});
