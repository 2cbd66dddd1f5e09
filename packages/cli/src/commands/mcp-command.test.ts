import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrajectory } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';

const require = createRequire(import.meta.url);
const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const filesystem = require.resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
const serverFlag = `everything=${process.execPath} ${everything} stdio`;

function createIo(cwd: string) {
  return bufferedIo({ cwd, env: { CODEACT_HOME: cwd } });
}

describe('codeact with MCP servers', () => {
  it('mcp list prints the stubs and notes the model sees', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-mcp-cli-'));
    const { io, stdout } = createIo(dir);
    expect(await runCli(['mcp', 'list', serverFlag], io)).toBe(0);
    expect(stdout()).toMatch(
      /^Tool function available \(already imported in <execute> environment\):\n\[1\] everything\.echo\(message: str\) -> str\nEchoes back the input string/,
    );
    expect(stdout()).toContain('everything.get_sum(a: float, b: float) -> str');
    expect(stdout()).toContain('\nInstructions from the everything MCP server:\n');
  });

  it('runs a task whose Python calls MCP tools, read from --mcp-config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-mcp-cli-'));
    const config = join(dir, 'mcp.json');
    await writeFile(
      config,
      JSON.stringify({ mcpServers: { calc: { command: process.execPath, args: [everything, 'stdio'] } } }),
    );
    const script = join(dir, 'script.jsonl');
    const replies = [
      '<execute>\ntotal = 0\nfor a, b in [(1, 2), (3, 4)]:\n    total += float(calc.get_sum(a, b).split()[-1].rstrip("."))\nprint(total)\n</execute>',
      'The total is <solution>10</solution>',
    ];
    await writeFile(script, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
    const trajectoryFile = join(dir, 'runs.jsonl');
    const { io, stdout, stderr } = createIo(dir);
    const code = await runCli(
      [
        'run',
        '--store',
        'none',
        '--mcp-config',
        config,
        '--model',
        `script:${script}`,
        '--trajectory',
        trajectoryFile,
        'Add the pairs.',
      ],
      io,
    );
    expect(stderr()).toContain('10.0');
    expect(code).toBe(0);
    expect(stdout()).toBe('10\n');
    const trajectory = parseTrajectory((await readFile(trajectoryFile, 'utf8')).trim()).value;
    const system = String(trajectory?.messages[0]?.content);
    expect(system).toContain('calc.get_sum(a: float, b: float) -> str');
    expect(system).toContain('Instructions from the calc MCP server:');
  });

  it('reports a server that fails to start on one line and exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-mcp-cli-'));
    await writeFile(join(dir, 'x.jsonl'), `${JSON.stringify({ reply: '<solution>1</solution>' })}\n`);
    const { io, stderr } = createIo(dir);
    const flag = `bad=${process.execPath} -e "console.error('no API key'); process.exit(1)"`;
    expect(await runCli(['run', '--store', 'none', '--mcp', flag, '--model', 'script:x.jsonl', 'task'], io)).toBe(2);
    expect(stderr()).toMatch(/^codeact: MCP server bad \(.+\) failed to start: .*stderr: no API key\n$/);
  });

  it('denies destructive tools in run unless --allow-tool SERVER.TOOL names them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-mcp-cli-'));
    const script = join(dir, 'script.jsonl');
    const code = `try:\n    print(fs.write_file(path=${JSON.stringify(join(dir, 'note.txt'))}, content="hi"))\nexcept PermissionError as e:\n    print("denied:", e)`;
    await writeFile(
      script,
      [`<execute>\n${code}\n</execute>`, '<solution>done</solution>']
        .map((reply) => JSON.stringify({ reply }))
        .join('\n'),
    );
    const flag = `fs=${process.execPath} ${filesystem} ${dir}`;
    const denied = createIo(dir);
    expect(
      await runCli(['run', '--store', 'none', '--mcp', flag, '--model', `script:${script}`, 'write'], denied.io),
    ).toBe(0);
    expect(denied.stderr()).toContain('denied:');
    const allowed = createIo(dir);
    const argv = [
      'run',
      '--store',
      'none',
      '--mcp',
      flag,
      '--allow-tool',
      'fs.write_file',
      '--model',
      `script:${script}`,
      'write',
    ];
    expect(await runCli(argv, allowed.io)).toBe(0);
    expect(allowed.stderr()).toContain('Successfully wrote to');
    expect(await readFile(join(dir, 'note.txt'), 'utf8')).toBe('hi');
  });
});
