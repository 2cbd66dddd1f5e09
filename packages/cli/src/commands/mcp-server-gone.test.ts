import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { bufferedIo } from '../test-support/buffered-io.js';

const require = createRequire(import.meta.url);
const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe('an MCP server that dies mid-run', () => {
  it('is reported once with its stderr tail; the run goes on and its tools raise ToolError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-mcp-gone-'));
    directories.push(dir);
    const pidFile = join(dir, 'server.pid');
    // The shell records its pid, says something on stderr, then becomes the server (exec keeps the pid).
    const shell = `echo $$ > '${pidFile}'; echo 'everything: warming up' >&2; exec '${process.execPath}' '${everything}' stdio`;
    const config = join(dir, 'mcp.json');
    await writeFile(config, JSON.stringify({ mcpServers: { everything: { command: 'sh', args: ['-c', shell] } } }));
    const call = 'try:\n    everything.echo(message="hi")\nexcept ToolError as e:\n    print("ToolError:", e)';
    const replies = [
      '<execute>\nprint(everything.echo(message="before"))\n</execute>',
      `<execute>\nimport os, signal, time\nos.kill(int(open(${JSON.stringify(pidFile)}).read()), signal.SIGKILL)\ntime.sleep(1.5)\nprint("killed")\n</execute>`,
      `<execute>\n${call}\n</execute>`,
      `<execute>\n${call}\n</execute>`,
      '<solution>done</solution>',
    ];
    const script = join(dir, 'script.jsonl');
    await writeFile(script, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
    const { io, stdout, stderr } = bufferedIo({ cwd: dir, env: { CODEACT_HOME: dir } });
    const argv = ['run', '--store', 'none', '--no-sandbox', '--interpreter', 'python', '--mcp-config', config];
    const code = await runCli([...argv, '--model', `script:${script}`, 'Echo twice.'], io);
    expect(stderr()).toContain('Echo: before');
    expect(code).toBe(0);
    expect(stdout()).toBe('done\n');
    const reports = stderr().match(/^codeact: MCP server everything \(.*\) is gone.*$/gm) ?? [];
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(/; stderr: .*everything: warming up.*; its tools now raise ToolError\.$/);
    const toolErrors = stderr().match(/^ToolError: MCP server everything \(.*\) is gone/gm) ?? [];
    expect(toolErrors).toHaveLength(2);
  }, 60_000);
});
