import type { Executor } from '@codeact/core';
import { modelAnswer, modelCode, ScriptedModel } from '@codeact/core/testing';
import { createPythonExecutor } from '@codeact/executors';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeActMcpServer } from './create-codeact-mcp-server.js';

type TextResult = { content: { type: string; text?: string }[]; isError?: boolean };
const textOf = (result: unknown) => ((result as TextResult).content[0]?.text ?? '').trim();

describe('codeact as an MCP server (SDK client)', () => {
  let executor: Executor;
  let instance: Awaited<ReturnType<typeof createCodeActMcpServer>>;
  const client = new Client({ name: 'test', version: '1' });
  const call = (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args });

  beforeAll(async () => {
    executor = await createPythonExecutor();
    const model = new ScriptedModel([modelCode('print(total * 2)'), modelAnswer('84')]);
    instance = await createCodeActMcpServer({ executor, model, maxFileBytes: 64 });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await instance.server.connect(serverSide);
    await client.connect(clientSide);
  });

  afterAll(async () => {
    await client.close();
    await instance?.close();
    await executor?.dispose();
  });

  it('offers the sandbox tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'list_files',
      'python',
      'read_file',
      'reset',
      'run_agent',
      'write_file',
    ]);
  });

  it('keeps Python state between calls and reports errors as tool errors', async () => {
    expect(textOf(await call('python', { code: 'total = 40 + 2\nprint(total)' }))).toBe('42');
    const failed = (await call('python', { code: 'total / 0' })) as TextResult;
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/ZeroDivisionError: division by zero$/);
  });

  it('shares files between the file tools and Python, inside the work dir only', async () => {
    expect(textOf(await call('write_file', { path: 'notes/a.txt', content: 'hello' }))).toBe(
      'wrote 5 bytes to notes/a.txt',
    );
    expect(textOf(await call('python', { code: 'print(open("notes/a.txt").read().upper())' }))).toBe('HELLO');
    expect(textOf(await call('list_files', { path: 'notes' }))).toBe('a.txt\t5 bytes');
    expect(textOf(await call('read_file', { path: 'notes/a.txt' }))).toBe('hello');
    const outside = (await call('read_file', { path: '../../etc/passwd' })) as TextResult;
    expect(outside.isError).toBe(true);
    expect(textOf(outside)).toBe('../../etc/passwd is outside the work dir');
    const big = (await call('write_file', { path: 'big.txt', content: 'x'.repeat(65) })) as TextResult;
    expect(textOf(big)).toBe('content has 65 bytes; write_file takes at most 64');
  });

  it('runs a whole task with run_agent in the same session', async () => {
    const result = textOf(await call('run_agent', { task: 'Double the total.' }));
    expect(result).toBe('Answer: 84\n\nIn:\nprint(total * 2)\nOut:\n84');
  });

  it('starts a fresh interpreter after reset, keeping the files', async () => {
    await call('reset');
    const after = (await call('python', { code: 'print(open("notes/a.txt").read())\ntotal' })) as TextResult;
    expect(textOf(after)).toMatch(/^hello\n[\s\S]*NameError: name 'total' is not defined$/);
  });
});
