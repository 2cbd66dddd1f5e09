import type { Executor } from '@codeact/core';
import { findInstalledModules, resolveExecutor, scientificPreload } from '@codeact/executors';
import {
  api,
  capturingFactory,
  childrenRss,
  collectGarbage,
  type ExecutorFactory,
  format,
  headers,
  InstantExecutor,
  mib,
  percentile,
  readEvents,
  StreamingModel,
  sleep,
  threeStepReply,
  withServer,
} from './bench-server.js';
import { type FirstActionResult, measureFirstAction, settleServer } from './measure-first-action.js';

/**
 * `npm run bench:serve`: the chat server over real HTTP on loopback with scripted models.
 * 1. SSE latency: how long a model's text delta takes to reach a client of the event stream.
 * 2. Concurrency: N conversations (default 20) each running a three-step turn at once, with the
 *    server's heap and RSS per conversation, first with a scripted interpreter (the server's own
 *    cost), then with real sandboxed CPython sessions (one per conversation, their RSS included).
 * Usage: node --expose-gc benchmarks/dist/serve/run-serve-bench.js [conversations] [--no-python]
 */

async function measureLatency(): Promise<{ samples: number; p50: number; p95: number; p99: number; max: number }> {
  const chunks = 400;
  const text = Array.from({ length: chunks }, (_, index) => `c${String(index).padStart(5, '0')} `).join('');
  const model = new StreamingModel('latency', () => text, 7, 2);
  return withServer(
    model,
    async () => ({ executor: new InstantExecutor(), explanation: 'scripted' }),
    async (_server, base) => {
      const { conversation } = (await api(base, '/api/conversations', { method: 'POST', body: {} })) as {
        conversation: { id: string };
      };
      const events = await fetch(`${base}/api/conversations/${conversation.id}/events`, { headers });
      const latencies: number[] = [];
      const done = readEvents(events, (message) => {
        if (message.event === 'agent') {
          const event = JSON.parse(message.data) as { type: string; text?: string };
          const sent = event.type === 'text-delta' && event.text ? model.sentAt.get(event.text) : undefined;
          if (sent !== undefined) latencies.push(performance.now() - sent);
        }
        return message.event === 'turn-end';
      });
      await api(base, `/api/conversations/${conversation.id}/messages`, { method: 'POST', body: { text: 'stream' } });
      await done;
      return {
        samples: latencies.length,
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        max: Math.max(...latencies),
      };
    },
  );
}

type ConcurrencyResult = {
  conversations: number;
  wallMs: number;
  turnP50Ms: number;
  turnMaxMs: number;
  events: number;
  heapPerConversationKiB: number;
  rssPerConversationMiB: number;
  interpreterRssPerConversationMiB: number;
};

/** RSS of the idle members of the executor's warm pool (left out of the sessions' memory). */
function idlePoolRss(executor: Executor | undefined): number {
  return (executor?.poolStats?.()?.idleMembers ?? []).reduce((sum, member) => sum + member.rssBytes, 0);
}

async function measureConcurrency(
  conversations: number,
  factory: ExecutorFactory,
  withLibraries = false,
): Promise<ConcurrencyResult> {
  const model = new StreamingModel('concurrent', threeStepReply(withLibraries), 8, 1);
  const [capture, built] = capturingFactory(factory);
  return withServer(model, capture, async (_server, base) => {
    const executor = () => built();
    // Warm up one conversation so code paths and the executor are loaded before the baseline.
    const warm = (await api(base, '/api/conversations', { method: 'POST', body: {} })) as {
      conversation: { id: string };
    };
    await runTurn(base, warm.conversation.id);
    await api(base, `/api/conversations/${warm.conversation.id}`, { method: 'DELETE' });
    // A warm server: its pool refilled after the warm-up conversation.
    const warmServer = executor();
    if (warmServer) await settleServer(warmServer);
    collectGarbage();
    await sleep(200);
    collectGarbage();
    const before = process.memoryUsage();
    const childrenBefore = childrenRss() - idlePoolRss(executor());
    const ids: string[] = [];
    for (let index = 0; index < conversations; index += 1) {
      const created = (await api(base, '/api/conversations', { method: 'POST', body: {} })) as {
        conversation: { id: string };
      };
      ids.push(created.conversation.id);
    }
    const started = performance.now();
    const turns = await Promise.all(ids.map((id) => runTurn(base, id)));
    const wallMs = performance.now() - started;
    collectGarbage();
    await sleep(200);
    collectGarbage();
    const after = process.memoryUsage();
    const childrenAfter = childrenRss() - idlePoolRss(executor());
    const durations = turns.map((turn) => turn.ms);
    return {
      conversations,
      wallMs,
      turnP50Ms: percentile(durations, 0.5),
      turnMaxMs: Math.max(...durations),
      events: turns.reduce((sum, turn) => sum + turn.events, 0),
      heapPerConversationKiB: (after.heapUsed - before.heapUsed) / 1024 / conversations,
      rssPerConversationMiB: mib(after.rss - before.rss) / conversations,
      interpreterRssPerConversationMiB: mib(childrenAfter - childrenBefore) / conversations,
    };
  });
}

async function runTurn(base: string, id: string): Promise<{ ms: number; events: number }> {
  const started = performance.now();
  const stream = await fetch(`${base}/api/conversations/${id}/events`, { headers });
  let events = 0;
  let status = '';
  const done = readEvents(stream, (message) => {
    events += 1;
    if (message.event === 'turn-end') status = (JSON.parse(message.data) as { status: string }).status;
    return message.event === 'turn-end';
  });
  await api(base, `/api/conversations/${id}/messages`, { method: 'POST', body: { text: 'Sum 1..100' } });
  await done;
  if (status !== 'answer') throw new Error(`turn ended with ${status}`);
  return { ms: performance.now() - started, events };
}

async function main(): Promise<void> {
  const conversations = Number(process.argv.slice(2).find((argument) => /^\d+$/.test(argument)) ?? 20);
  const withPython = !process.argv.includes('--no-python');
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!(globalThis as { gc?: unknown }).gc) out('(run with node --expose-gc for stable memory figures)');

  const latency = await measureLatency();
  out('## SSE event latency (model text delta → client, loopback HTTP)');
  out(
    `samples ${latency.samples} · p50 ${format(latency.p50)} ms · p95 ${format(latency.p95)} ms · p99 ${format(latency.p99)} ms · max ${format(latency.max)} ms`,
  );

  const rows: [string, ConcurrencyResult][] = [];
  rows.push([
    'scripted',
    await measureConcurrency(conversations, async () => ({ executor: new InstantExecutor(), explanation: 'scripted' })),
  ]);
  const firstActions: [string, FirstActionResult][] = [];
  if (withPython) {
    const { installed } = await findInstalledModules(scientificPreload);
    const cold = () => resolveExecutor({ interpreter: 'python' });
    const pooled =
      (poolSize: number): ExecutorFactory =>
      (workRoot) =>
        resolveExecutor({ interpreter: 'python', preload: installed, poolSize, ownedWorkRoot: workRoot });
    const samples = 10;
    firstActions.push(['cold (no preload, as before)', await measureFirstAction(cold, samples, settleServer)]);
    firstActions.push([
      `warm (pool of 2, preload ${installed.join(', ')})`,
      await measureFirstAction(pooled(2), samples, settleServer),
    ]);
    rows.push(['python (bubblewrap)', await measureConcurrency(conversations, cold)]);
    rows.push([
      'python, pandas + matplotlib loaded (Fig. 3), cold',
      await measureConcurrency(conversations, cold, true),
    ]);
    rows.push([
      `python, pandas + matplotlib loaded (Fig. 3), warm pool of ${conversations}`,
      await measureConcurrency(conversations, pooled(conversations), true),
    ]);
  }
  if (firstActions.length > 0) {
    out('');
    out('## First action of a conversation: pandas + matplotlib, one saved plot (POST /messages → execution-end)');
    out('| server | samples | median | min | max | of which the action (median) | sessions warm / cold |');
    out('|---|---|---|---|---|---|---|');
    for (const [name, result] of firstActions) {
      const pool = result.pool ? `${result.pool.servedWarm} / ${result.pool.servedCold}` : '—';
      out(
        `| ${name} | ${result.samples.length} | ${format(result.p50, 0)} ms | ${format(result.min, 0)} ms | ${format(result.max, 0)} ms | ${format(result.actionP50, 0)} ms | ${pool} |`,
      );
    }
    const [cold, warm] = firstActions;
    if (cold && warm)
      out(
        `warm / cold median: ${format(warm[1].p50 / cold[1].p50, 3)} (${format(cold[1].p50 / warm[1].p50, 1)}× faster)`,
      );
  }
  out('');
  out(`## ${conversations} concurrent conversations, one 3-step turn each (2 code actions + answer)`);
  out(
    '| interpreter | wall time | turn p50 | turn max | SSE events | server heap / conv. | server RSS / conv. | interpreter RSS / conv. |',
  );
  out('|---|---|---|---|---|---|---|---|');
  for (const [name, row] of rows) {
    out(
      `| ${name} | ${format(row.wallMs / 1000)} s | ${format(row.turnP50Ms, 0)} ms | ${format(row.turnMaxMs, 0)} ms | ${row.events} | ${format(row.heapPerConversationKiB, 0)} KiB | ${format(row.rssPerConversationMiB)} MiB | ${format(row.interpreterRssPerConversationMiB)} MiB |`,
    );
  }
  const fig3 = rows.filter(([name]) => name.includes('Fig. 3'));
  if (fig3.length === 2) {
    const [cold, warm] = fig3 as [[string, ConcurrencyResult], [string, ConcurrencyResult]];
    out(`Fig. 3 wall time cold / warm: ${format(cold[1].wallMs / warm[1].wallMs, 2)}×`);
  }
}

await main();
