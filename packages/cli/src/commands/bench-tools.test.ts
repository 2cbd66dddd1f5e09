import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';

const require = createRequire(import.meta.url);
const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const serverFlag = `everything=${process.execPath} ${everything} stdio`;
const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

async function textOfTree(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && /\.(json|jsonl)$/.test(entry.name));
  const texts = await Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
  return texts.join('\n');
}

describe('codeact bench --mcp', () => {
  it('adds the MCP server tools to each MINT episode, called from Python', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-bench-mcp-'));
    directories.push(dir);
    const task = 'gsm8k/1';
    const replies = [
      '<execute>\nprint(everything.get_sum(a=2, b=3))\n</execute>',
      'The answer is <solution> 5 </solution>',
      'The answer is <solution> 6 </solution>',
    ];
    const script = join(dir, 'script.jsonl');
    await writeFile(script, replies.map((reply) => JSON.stringify({ task, reply })).join('\n'));
    const { io, stderr } = bufferedIo({ cwd: dir, env: { CODEACT_HOME: dir } });
    const argv = ['bench', 'mint', '--tasks', task, '--store', 'none', '--out', 'out', '--mcp', serverFlag];
    const code = await runCli([...argv, '--no-sandbox', '--interpreter', 'python', '--model', `script:${script}`], io);
    expect(stderr()).not.toContain('codeact: code gsm8k/1:');
    expect(code).toBe(0);
    const text = await textOfTree(join(dir, 'out'));
    expect(text).toContain('everything.get_sum(a: float, b: float) -> str');
    expect(text).toContain('The sum of 2 and 3 is 5.');
  }, 90_000);

  it('refuses --mcp for suites whose prompts keep their own tools', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-bench-mcp-'));
    directories.push(dir);
    const { io, stderr } = bufferedIo({ cwd: dir, env: { CODEACT_HOME: dir } });
    const code = await runCli(['bench', 'm3tooleval', '--mcp', serverFlag, '--model', 'script:none.jsonl'], io);
    expect(code).toBe(2);
    expect(stderr()).toBe(
      'codeact: codeact bench m3tooleval keeps its own tools; --mcp and --tools work with bench mint.\n',
    );
  });
});
