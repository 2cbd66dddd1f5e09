import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeActFormat, createToolHost, streamAgent } from '@codeact/core';
import { modelAnswer, modelCode, ScriptedModel } from '@codeact/core/testing';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMcpToolset, type McpToolset } from './connect-mcp-toolset.js';
import { stdioServer } from './test-support/mcp-test-servers.js';

describe('a scripted episode over server-filesystem and server-memory', () => {
  let dir: string;
  let toolset: McpToolset;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codeact-mcp-episode-'));
    toolset = await connectMcpToolset([
      stdioServer('fs', 'server-filesystem', [dir]),
      stdioServer('memory', 'server-memory', [], { MEMORY_FILE_PATH: join(dir, 'memory.jsonl') }),
    ]);
  });

  afterAll(async () => {
    await toolset?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loops over several tool calls in Python and answers from their results', async () => {
    const model = new ScriptedModel([
      modelCode(
        [
          `root = ${JSON.stringify(dir)}`,
          'for city, people in [("paris", 3), ("rome", 5), ("oslo", 2)]:',
          '    with open(f"{city}.txt", "w") as f:',
          '        f.write(str(people))',
          'listing = fs.list_directory(path=root)',
          'names = sorted(line.split()[-1] for line in listing["content"].splitlines() if line.endswith(".txt"))',
          'print(names)',
        ].join('\n'),
      ),
      modelCode(
        [
          'total = 0',
          'for name in names:',
          '    count = int(fs.read_text_file(f"{root}/{name}")["content"])',
          '    total += count',
          '    memory.create_entities([{"name": name[:-4], "entityType": "city", "observations": [f"{count} people"]}])',
          'graph = memory.read_graph()',
          'print(total, sorted(e["name"] for e in graph["entities"]))',
        ].join('\n'),
      ),
      modelAnswer('10'),
    ]);
    const executor = await createPythonExecutor();
    try {
      const stream = streamAgent({
        model,
        executor,
        workDir: dir,
        toolHost: createToolHost(toolset.tools, { pythonPrelude: toolset.pythonPrelude }),
        system: `${codeActFormat().instructions(toolset.promptTools)}\n${toolset.promptNotes}`,
        prompt: 'How many people are there in all the cities?',
      });
      const observations: string[] = [];
      for await (const event of stream) {
        if (event.type === 'execution-end')
          observations.push(event.execution.stdout + (event.execution.error?.traceback ?? ''));
      }
      const result = await stream.result;
      expect(observations).toEqual(["['oslo.txt', 'paris.txt', 'rome.txt']\n", "10 ['oslo', 'paris', 'rome']\n"]);
      expect(result.status).toBe('answer');
      expect(result.answer).toBe('10');
      const system = String(model.calls[0]?.messages[0]?.content);
      expect(system).toContain('fs.read_text_file(path: str, tail: float = None, head: float = None) -> dict');
      expect(system).toContain('memory.create_entities(entities: list[dict]) -> dict');
      expect(await readFile(join(dir, 'memory.jsonl'), 'utf8')).toContain('"name":"rome"');
      model.assertComplete();
    } finally {
      await executor.dispose();
    }
  });
});

describe('a server with more tools than the prompt lists', () => {
  it('lists names only and finds tools with SERVER.search', async () => {
    const toolset = await connectMcpToolset([stdioServer('big', 'server-everything')], { maxListedTools: 3 });
    try {
      expect(toolset.promptTools).toEqual([]);
      expect(toolset.promptNotes).toMatch(/^The big MCP server has \d+ tools, called as big\.TOOL\(\.\.\.\): echo, /);
      expect(toolset.promptNotes).toContain('Use big.search("what you need")');
      const host = createToolHost(toolset.tools);
      const found = await host.call({ name: 'big.search', args: { query: 'sum numbers' }, sessionId: 's' });
      expect(found).toMatchObject({ ok: true });
      expect((found.value as string[])[0]).toBe(
        'big.get_sum(a: float, b: float) -> str: Returns the sum of two numbers',
      );
    } finally {
      await toolset.close();
    }
  });
});
