import { createToolHost, type Executor } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuite, resolveToolset } from '../index.js';
import { loadM3Data } from './m3-data.js';
import { openM3Session } from './run-m3-episode.js';

let executor: Executor;
beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  await executor?.dispose();
});

async function execInToolset(name: string, code: string): Promise<string> {
  const toolset = await resolveToolset(name);
  const session = await executor.createSession({
    tools: createToolHost(toolset.tools, { pythonPrelude: toolset.pythonPrelude ?? '' }),
  });
  try {
    return await toolset.observe!(await session.execute({ code }), session);
  } finally {
    await session.close();
  }
}

describe("resolveToolset('m3tooleval:<task id>') for codeact exec", () => {
  it('runs Python with the task tools and renders the observation as the benchmark does', async () => {
    expect(await execInToolset('m3tooleval:travel_itinerary_planning/plan_trip_to_0', 'sum(1, 2, 3.5)')).toBe('6.5');
    expect(await execInToolset('m3tooleval:message_decoder/hex_caesar_combined_decoding', "print('  42  ')")).toBe(
      '42',
    );
    const missing = await execInToolset('m3tooleval:travel_itinerary_planning/plan_trip_to_0', 'sum([1, 2])');
    expect(missing.trimEnd().split('\n').at(-1)).toBe("TypeError: unsupported operand type(s) for +: 'int' and 'list'");
  });

  it('shows tracebacks through the tools with their source, ending in the error line', async () => {
    const traceback = await execInToolset(
      'm3tooleval:travel_itinerary_planning/plan_trip_to_0',
      "find_flights('X', 'A', '2023-12-25')",
    );
    const lines = traceback.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      `ValueError: Origin [X] is not supported. Supported from_locations: ['"A"', '"B"', '"C"', '"D"', '"E"', '"F"']`,
    );
    expect(traceback).toContain('m3tooleval/travel_itinerary_planning.py');
    expect(traceback).toContain('raise ValueError(message.format(place=place, places=_places))');
  });

  it('starts from a fresh browser on every call', async () => {
    const name = 'm3tooleval:web_browsing/people_in_sales';
    expect(await execInToolset(name, "click_url('/team')")).toContain('[Opened page: /team]');
    const again = await execInToolset(name, 'print(view())');
    expect(again).toContain('[Web Page Name: /]');
  });

  it('rejects unknown tasks, suites and malformed names', async () => {
    await expect(resolveToolset('m3tooleval:web_browsing/nope')).rejects.toThrow(
      'No M3ToolEval task "web_browsing/nope"',
    );
    await expect(resolveToolset('m3tooleval')).rejects.toThrow('A toolset is <benchmark>:<task id>');
    await expect(resolveToolset('nope:x')).rejects.toThrow(
      'Unknown benchmark "nope"; known: m3tooleval, api-bank, mint.',
    );
    await expect(loadSuite('m3tooleval')).resolves.toMatchObject({
      name: 'm3tooleval',
      formats: ['code', 'json', 'text'],
    });
  });
});

describe('fixed mode tools', () => {
  async function observe(family: string, fixed: boolean, format: 'json' | 'text', content: string) {
    const { tasks } = await loadM3Data();
    const task = tasks.find((candidate) => candidate.family === family)!;
    const session = await openM3Session({ task, executor: async () => executor, fixed });
    try {
      return await session.toolCall(format, content);
    } finally {
      await session.close();
    }
  }

  it('follows the broken links and accepts double quotes only when fixed', async () => {
    expect(await observe('web_browsing', false, 'text', 'click_url, /team/customer_support')).toBe('[URL not found.]');
    expect(await observe('web_browsing', true, 'text', 'click_url, /team/customer_support')).toContain(
      '[Opened page: /team/customer-support]',
    );
    expect(
      await observe('web_browsing', true, 'json', '{"tool": "click_url", "args": ["/blog/wand-maintenance"]}'),
    ).toContain('[Opened page: /blog/wand_maintenance]');
    expect(await observe('web_browsing', false, 'text', 'click_url, "/contact"')).toBe('[URL not found.]');
    expect(await observe('web_browsing', true, 'text', 'click_url, "/contact"')).toContain('[Opened page: /contact]');
  });

  it('lets travel sum take one list only when fixed', async () => {
    const call = '{"tool": "sum", "args": [[1, 5, 2]]}';
    expect(await observe('travel_itinerary_planning', false, 'json', call)).toBe(
      'Failed to execute tool sum with args ([1, 5, 2],). Did you try to invoke more than one tool at a time?',
    );
    expect(await observe('travel_itinerary_planning', true, 'json', call)).toBe('8');
  });
});
