import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CgroupSupport } from '../cgroups/session-cgroup.js';

/**
 * Runs `setup` (ES module code that starts sessions) in a fresh Node process that then exits without
 * closing anything. Returns the cgroups its child processes were in, and which of them remain.
 */
export function exitWithoutClosing(setup: readonly string[], support: CgroupSupport) {
  const script = [
    "const { readdirSync, readFileSync } = await import('node:fs');",
    ...setup,
    'const paths = new Set();',
    "for (const pid of readdirSync('/proc').filter((entry) => /^\\d+$/.test(entry))) {",
    '  try {',
    "    const status = readFileSync('/proc/' + pid + '/status', 'utf8');",
    "    if (!status.includes('\\nPPid:\\t' + process.pid + '\\n')) continue;",
    "    for (const line of readFileSync('/proc/' + pid + '/cgroup', 'utf8').split('\\n')) {",
    "      if (line.includes('codeact')) paths.add(line.split(':')[2]);",
    '    }',
    '  } catch {}',
    '}',
    'console.log(JSON.stringify([...paths]));',
    'process.exit(0);',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const cgroups = JSON.parse(output) as string[];
  const root = support.version === 1 ? join('/sys/fs/cgroup', 'memory') : '/sys/fs/cgroup';
  return { cgroups, remaining: cgroups.filter((path) => existsSync(join(root, path))) };
}
