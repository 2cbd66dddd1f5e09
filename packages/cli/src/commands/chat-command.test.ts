import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';
import { startFakeOpenAiServer } from '../test-support/fake-openai-server.js';
import { spawnCli } from '../test-support/spawn-cli.js';

async function scriptFile(replies: readonly string[]): Promise<{ directory: string; script: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'codeact-chat-'));
  const script = join(directory, 'chat.jsonl');
  await writeFile(script, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
  return { directory, script };
}

/** `codeact chat` on a scripted model, asked to sleep a minute; resolves once the action runs. */
async function sleepingChat(directory: string, script: string): Promise<ReturnType<typeof spawnCli>> {
  const chat = spawnCli(['chat', '--store', 'none', '--model', `script:${script}`], {
    cwd: directory,
    env: { CODEACT_HOME: directory },
  });
  chat.child.stdin.write('Sleep a minute.\n');
  await chat.waitFor('Observation:\nsleeping').catch((error: unknown) => {
    chat.child.kill('SIGKILL');
    throw error;
  });
  return chat;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('codeact chat', () => {
  it('reports a model error once and goes on with the same interpreter', async () => {
    const server = await startFakeOpenAiServer([
      '<execute>\nx = 41\nprint(x)\n</execute>',
      'x is set.',
      { status: 500 },
      { status: 500 },
      { status: 500 },
      '<execute>\nprint(x + 1)\n</execute>',
      'x + 1 is 42.',
    ]);
    const directory = await mkdtemp(join(tmpdir(), 'codeact-chat-'));
    const chat = spawnCli(
      ['chat', '--store', 'none', '--model', 'openai-compatible:fake', '--base-url', server.baseUrl],
      { cwd: directory, env: { CODEACT_HOME: directory } },
    );
    try {
      chat.child.stdin.write('Set x to 41.\n');
      await chat.waitFor('x is set.');
      chat.child.stdin.write('Now fail.\n');
      await chat.waitFor('fake server error 500');
      chat.child.stdin.write('Add one to x.\n');
      await chat.waitFor('x + 1 is 42.');
      chat.child.stdin.end();
      expect(await chat.exited).toBe(0);
      expect(chat.stdout()).toContain('42');
      expect(occurrences(chat.stdout() + chat.stderr(), 'fake server error 500')).toBe(1);
      expect(chat.stderr()).toMatch(/codeact: usage: [\d,]+ input \+ [\d,]+ output tokens/);
      expect(server.requests()).toBe(7);
    } finally {
      chat.child.kill('SIGKILL');
      await server.close();
    }
  });

  it('stops only the running action on Ctrl-C, keeps its state, and exits on Ctrl-C at the prompt', async () => {
    const { directory, script } = await scriptFile([
      "<execute>\nimport time\ny = 7\nprint('sleeping', flush=True)\ntime.sleep(60)\n</execute>",
      '<execute>\nprint(y * 6)\n</execute>',
      'y * 6 is 42.',
    ]);
    const chat = await sleepingChat(directory, script);
    try {
      chat.child.kill('SIGINT');
      await chat.waitFor('turn stopped', 'stderr');
      chat.child.stdin.write('What is y * 6?\n');
      await chat.waitFor('y * 6 is 42.');
      expect(chat.stdout()).toMatch(/Observation:\n42\n/);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      chat.child.kill('SIGINT');
      expect(await chat.exited).toBe(130);
    } finally {
      chat.child.kill('SIGKILL');
    }
  });

  it('exits on Ctrl-C twice quickly while the agent works', async () => {
    const { directory, script } = await scriptFile([
      "<execute>\nimport time\nprint('sleeping', flush=True)\ntime.sleep(60)\n</execute>",
    ]);
    const chat = await sleepingChat(directory, script);
    try {
      chat.child.kill('SIGINT');
      // Signals sent back to back can merge into one; a short pause keeps them two.
      await new Promise((resolve) => setTimeout(resolve, 100));
      chat.child.kill('SIGINT');
      expect(await chat.exited).toBe(130);
    } finally {
      chat.child.kill('SIGKILL');
    }
  });

  it('has /help, /tokens and /reset (a fresh interpreter)', async () => {
    const { directory, script } = await scriptFile([
      '<execute>\nz = 5\nprint(z)\n</execute>',
      'z is 5.',
      "<execute>\nprint('z' in globals())\n</execute>",
      'It is gone.',
    ]);
    const { io, stdout, stderr } = bufferedIo({
      cwd: directory,
      env: { CODEACT_HOME: directory },
      stdin: 'Set z.\n/help\n/tokens\n/reset\nIs z there?\n/nope\n',
    });
    expect(await runCli(['chat', '--store', 'none', '--model', `script:${script}`], io)).toBe(0);
    expect(stderr()).toContain('/reset   start over');
    expect(stderr()).toMatch(/usage: [\d,]+ input \+ [\d,]+ output tokens, cost not reported by the provider\n/);
    expect(stderr()).toContain('fresh interpreter, empty conversation');
    expect(stderr()).toContain('unknown command /nope');
    expect(stdout()).toMatch(/Observation:\n5\n[\s\S]*Observation:\nFalse\n/);
  });
});

describe('codeact run', () => {
  it('prints a model error once, then the usage line', async () => {
    const { directory, script } = await scriptFile(['<execute>\nprint(1)\n</execute>']);
    const { io, stdout, stderr } = bufferedIo({ cwd: directory, env: { CODEACT_HOME: directory } });
    expect(await runCli(['run', '--store', 'none', '--model', `script:${script}`, 'Count.'], io)).toBe(1);
    expect(occurrences(stdout() + stderr(), 'has no reply left')).toBe(1);
    expect(stderr()).toMatch(/codeact: usage: [\d,]+ input \+ [\d,]+ output tokens/);
  });
});
