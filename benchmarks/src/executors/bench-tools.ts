import { createToolHost, defineTool, type ToolHost } from '@codeact/core';
import { z } from 'zod';

/** The one tool the benchmark calls, through core's `createToolHost` (zod validation, per-call timeout). */
export function benchTools(): ToolHost {
  return createToolHost([
    defineTool({
      name: 'add',
      description: 'Adds two integers.',
      parameters: z.object({ a: z.number().int(), b: z.number().int() }),
      returns: 'int',
      execute: ({ a, b }) => a + b,
    }),
  ]);
}

/** The same tool answered directly: isolates the executor's bridge from the tool host's own cost. */
export function bareTools(): ToolHost {
  return {
    tools: [],
    pythonStubs: 'def add(a, b):\n    return __codeact_call_tool__("add", {"a": a, "b": b})\n',
    call: ({ args }) => {
      const { a, b } = args as { a: number; b: number };
      return Promise.resolve({ ok: true, value: a + b });
    },
  };
}

/** Python that times `count` tool calls from inside the interpreter and evaluates to their durations (ns). */
export function toolCallLoop(count: number): string {
  return [
    'import time as _t',
    '_samples = []',
    `for _i in range(${count}):`,
    '    _s = _t.perf_counter_ns()',
    '    add(a=_i, b=1)',
    '    _samples.append(_t.perf_counter_ns() - _s)',
    '",".join(map(str, _samples))',
  ].join('\n');
}
