import { createToolHost, type Executor, type ExecutorSession } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMcpToolset, type McpToolset } from './connect-mcp-toolset.js';
import { stdioServer } from './test-support/mcp-test-servers.js';

describe('server-everything over stdio, called from sandboxed Python', () => {
  let executor: Executor;
  let toolset: McpToolset;
  let session: ExecutorSession;
  const run = async (code: string, timeoutMs?: number) => session.execute({ code, timeoutMs });

  beforeAll(async () => {
    executor = await createPythonExecutor();
    toolset = await connectMcpToolset([stdioServer('everything', 'server-everything')], { callTimeoutMs: 1500 });
    session = await executor.createSession({
      tools: createToolHost(toolset.tools, { pythonPrelude: toolset.pythonPrelude }),
    });
  });

  afterAll(async () => {
    await session?.close();
    await executor?.dispose();
    await toolset?.close();
  });

  it('maps tool names to identifiers in the server namespace, with stubs from the schemas', async () => {
    const names = toolset.tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining(['everything.get_sum', 'everything.echo', 'everything.get_structured_content']),
    );
    const execution = await run('import inspect\nprint(inspect.signature(everything.get_sum))\nhelp(everything.echo)');
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toContain('(a: float, b: float)\n');
    expect(execution.stdout).toContain('echo(message: str)\n');
    expect(execution.stdout).toContain('Echoes back the input string');
    expect(execution.stdout).toContain('message (string): Message to echo');
  });

  it('passes positional and keyword arguments and returns text', async () => {
    const execution = await run('print(everything.get_sum(2, b=3))\nprint(everything.echo(message="hi"))');
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('The sum of 2 and 3 is 5.\nEcho: hi\n');
  });

  it('returns structuredContent as a dict and documents the output schema', async () => {
    const execution = await run(
      'r = everything.get_structured_content("Chicago")\nprint(type(r).__name__, sorted(r))\nprint(everything.get_structured_content.__doc__)',
    );
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toContain("dict ['conditions', 'humidity', 'temperature']");
    expect(execution.stdout).toContain('temperature (number): Temperature in celsius');
  });

  it('turns images into figures of the action', async () => {
    const execution = await run('text = everything.get_tiny_image()\nprint(len(text) > 0)');
    expect(execution.error).toBeUndefined();
    expect(execution.artifacts).toHaveLength(1);
    expect(execution.artifacts[0]).toMatchObject({ type: 'image', mimeType: 'image/png' });
    expect(
      Buffer.from(execution.artifacts[0]?.data ?? '', 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('raises a server-side error as a ToolError the code can catch', async () => {
    const execution = await run(
      'try:\n    everything.get_sum("two", 3)\nexcept ToolError as e:\n    print("ToolError", "a" in str(e))',
    );
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toBe('ToolError True\n');
  });

  it('keeps a long call alive while progress arrives (per-call limit 1.5 s, call 2.4 s)', async () => {
    const execution = await run('print(everything.trigger_long_running_operation(duration=2.4, steps=12))');
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toContain('Long running operation completed');
  });

  it('raises TimeoutError in Python when no progress arrives within the per-call limit', async () => {
    const execution = await run(
      'try:\n    everything.trigger_long_running_operation(duration=6, steps=1)\nexcept TimeoutError as e:\n    print("TimeoutError", e)\nexcept Exception as e:\n    print("other", type(e).__name__, e)',
    );
    expect(execution.error).toBeUndefined();
    expect(execution.stdout).toMatch(/^TimeoutError everything\.trigger_long_running_operation\(\) timed out: /);
  });

  it('cancels the call when the action is interrupted, and the session goes on', async () => {
    const started = performance.now();
    const execution = await run('everything.trigger_long_running_operation(duration=60, steps=600)', 1000);
    expect(execution.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(20_000);
    const next = await run('print(everything.get_sum(1, 1))');
    expect(next.stdout).toBe('The sum of 1 and 1 is 2.\n');
  });

  it('puts the server instructions in the prompt notes', () => {
    expect(toolset.promptNotes).toMatch(/^Instructions from the everything MCP server:\n/);
    expect(toolset.promptTools).toHaveLength(toolset.tools.length);
  });
});
