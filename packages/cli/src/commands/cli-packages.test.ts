import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestIndex } from '@codeact/executors/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';
import { spawnCli } from '../test-support/spawn-cli.js';

describe('packages on demand on the command line', () => {
  let root: string;
  let env: Record<string, string>;
  const code = '%pip install codeact-tiny-app\nimport tiny_app\nprint(tiny_app.ANSWER)\n';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'codeact-cli-packages-'));
    await chmod(root, 0o755);
    await buildTestIndex(join(root, 'index'));
    await writeFile(join(root, 'cell.py'), code);
    await writeFile(join(root, 'rules.txt'), '# only the dependency\nallow codeact-tiny-dep\n');
    await writeFile(join(root, 'bad-rules.txt'), 'allow\n');
    env = { CODEACT_PACKAGE_CACHE: join(root, 'cache'), CODEACT_HOME: root };
  });

  afterAll(async () => {
    delete process.env.CODEACT_PACKAGE_CACHE;
    await rm(root, { recursive: true, force: true });
  });

  const exec = async (...flags: string[]) => {
    const cli = spawnCli(['exec', '--interpreter', 'python', ...flags, join(root, 'cell.py')], { env });
    return { code: await cli.exited, stdout: cli.stdout(), stderr: cli.stderr() };
  };

  it('installs from a local directory index with --packages allow', async () => {
    const result = await exec('--packages', 'allow', '--index-url', join(root, 'index', 'simple'));
    expect(result.stdout).toBe('Installed codeact-tiny-app 0.1, codeact-tiny-dep 1.0\n42\n');
    expect(result.code).toBe(0);
  }, 60_000);

  it('denies by default in exec, saying how to allow it', async () => {
    const result = await exec('--index-url', join(root, 'index', 'simple'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /PermissionError: installing packages \(codeact-tiny-app\) is turned off here.*--packages allow/,
    );
  }, 60_000);

  it('applies a --packages-policy file, and names a malformed one in one line', async () => {
    const index = join(root, 'index', 'simple');
    const ruled = await exec('--packages', 'allow', '--packages-policy', join(root, 'rules.txt'), '--index-url', index);
    expect(ruled.stdout).toMatch(/PermissionError: codeact-tiny-app is not on the package policy file's allowlist/);
    const bad = await exec('--packages-policy', join(root, 'bad-rules.txt'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(
      /bad-rules\.txt, line 1: expected "allow NAME" or "deny NAME"/,
    );
  }, 60_000);

  it('chat asks on the terminal before installing, like any tool that needs approval', async () => {
    // chat runs in this process: its cache goes to the test's directory too.
    process.env.CODEACT_PACKAGE_CACHE = join(root, 'cache');
    const reply = (text: string) => JSON.stringify({ reply: text });
    const install = '%pip install codeact-tiny-dep\nimport tiny_dep\nprint("value", tiny_dep.VALUE)';
    await writeFile(join(root, 'chat.jsonl'), [reply(`<execute>\n${install}\n</execute>`), reply('Done.')].join('\n'));
    const { io, stdout, stderr } = bufferedIo({ cwd: root, env: { CODEACT_HOME: root }, stdin: 'Install it.\ny\n' });
    const argv = [
      'chat',
      '--store',
      'none',
      '--interpreter',
      'python',
      '--model',
      `script:${join(root, 'chat.jsonl')}`,
    ];
    expect(await runCli([...argv, '--index-url', join(root, 'index', 'simple')], io)).toBe(0);
    expect(stderr()).toContain(
      'Allow install_packages({"packages":["codeact-tiny-dep"]})? [y] once, [a] always, [N] deny',
    );
    expect(stdout()).toContain('value 7');
  }, 60_000);
});
