import type { Executor } from '@codeact/core';
import {
  api,
  capturingFactory,
  type ExecutorFactory,
  headers,
  percentile,
  readEvents,
  StreamingModel,
  sleep,
  withServer,
} from './bench-server.js';

/** The first action of a data-analysis conversation (Fig. 3): pandas and matplotlib, one saved plot. */
export const plotAction = [
  'import pandas as pd',
  'import matplotlib',
  "matplotlib.use('Agg')",
  'import matplotlib.pyplot as plt',
  "frame = pd.DataFrame({'x': range(10), 'y': [value * value for value in range(10)]})",
  "frame.plot(x='x', y='y')",
  "plt.savefig('plot.png')",
  'print(len(frame))',
].join('\n');

export type FirstActionResult = {
  readonly samples: readonly number[];
  readonly p50: number;
  /** Median of the action's own `durationMs` (in the interpreter, as the executor timed it). */
  readonly actionP50: number;
  readonly min: number;
  readonly max: number;
  /** What the interpreter's pool says after the run (warm vs cold sessions), when it has one. */
  readonly pool?: { readonly servedWarm: number; readonly servedCold: number };
};

/**
 * From `POST /messages` of a new conversation to the `execution-end` event of its first action
 * (the plot above), `samples` times, each on a server at rest: before each sample `settle` waits
 * (a warm pool refilled; else a short pause).
 */
export async function measureFirstAction(
  factory: ExecutorFactory,
  samples: number,
  settle: (executor: Executor) => Promise<void>,
): Promise<FirstActionResult> {
  const reply = (call: { messages: readonly { role: string }[] }) =>
    call.messages.some((message) => message.role === 'assistant')
      ? 'Plotted. <solution>done</solution>'
      : `Plot it.\n<execute>\n${plotAction}\n</execute>`;
  const model = new StreamingModel('first-action', reply, 100_000, 0);
  const [capture, built] = capturingFactory(factory);
  return withServer(model, capture, async (_server, base) => {
    const times: number[] = [];
    const durations: number[] = [];
    for (let index = 0; index <= samples; index += 1) {
      const executor = built();
      if (executor) await settle(executor);
      const { conversation } = (await api(base, '/api/conversations', { method: 'POST', body: {} })) as {
        conversation: { id: string };
      };
      if (executor) await settle(executor);
      const stream = await fetch(`${base}/api/conversations/${conversation.id}/events`, { headers });
      let observed = 0;
      let failure: string | undefined;
      let duration = Number.NaN;
      const done = readEvents(stream, (message) => {
        if (message.event === 'agent') {
          const event = JSON.parse(message.data) as {
            type: string;
            execution?: { durationMs: number; error?: { message: string } };
          };
          if (event.type === 'execution-end' && observed === 0) {
            observed = performance.now();
            failure = event.execution?.error?.message;
            duration = event.execution?.durationMs ?? Number.NaN;
          }
        }
        return message.event === 'turn-end';
      });
      const started = performance.now();
      await api(base, `/api/conversations/${conversation.id}/messages`, { method: 'POST', body: { text: 'plot' } });
      await done;
      if (failure !== undefined || observed === 0) throw new Error(`the plot action failed: ${failure}`);
      // The first conversation only loads the server's code paths and the executor.
      if (index > 0) {
        times.push(observed - started);
        durations.push(duration);
      }
      await api(base, `/api/conversations/${conversation.id}`, { method: 'DELETE' });
    }
    const pool = built()?.poolStats?.();
    return {
      samples: times,
      p50: percentile(times, 0.5),
      actionP50: percentile(durations, 0.5),
      min: Math.min(...times),
      max: Math.max(...times),
      ...(pool ? { pool: { servedWarm: pool.servedWarm, servedCold: pool.servedCold } } : {}),
    };
  });
}

/** Waits until a warm pool is refilled and idle (a server at rest); a short pause without one. */
export async function settleServer(executor: Executor): Promise<void> {
  const pooled = executor as Executor & { whenPoolFull?: () => Promise<void> };
  if (pooled.whenPoolFull) await pooled.whenPoolFull();
  await sleep(300);
}
