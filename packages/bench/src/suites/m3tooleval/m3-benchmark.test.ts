import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor } from '@codeact/core';
import { createPythonExecutor } from '@codeact/executors';
import { loadScriptedModel } from '@codeact/models';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reporter } from '../../harness/reporter.js';
import { runBenchmark } from '../../harness/run-benchmark.js';
import { loadSuite } from '../index.js';

const hex = 'message_decoder/hex_caesar_combined_decoding';
const trip = 'travel_itinerary_planning/plan_trip_to_0';
const sales = 'web_browsing/people_in_sales';
const tasks = [hex, trip, sales].join(',');

/** A `script:` file: replies per `<format>:<task id>`, as `codeact bench --model script:PATH` reads it. */
function scriptLines(): string {
  const lines: { task: string; reply: string }[] = [];
  const add = (format: string, task: string, ...replies: string[]) => {
    for (const reply of replies) lines.push({ task: `${format}:${task}`, reply });
  };
  add('code', hex, "Action:\nprint(caesar_decode(convert_hex_to_ascii('4d4f5252'), 2))\nEnd Action", 'Answer: KMPP');
  add(
    'code',
    trip,
    "Thought: cheapest flight, first hotel.\nAction:\nf = find_flights('E', 'A', '2023-12-25')\nh = book_hotel('A', 'wifi', 'pool')\nprint(budget_calculator(f[0]['price'], h[0]['price_per_night'], 5))\nEnd Action\nObservation: 1050\nAnswer: 1050",
    'Answer: 1050',
  );
  add('code', sales, "Action:\nprint(click_url('/team/sales'))\nEnd Action", 'Answer: 4');
  add(
    'json',
    hex,
    'Action: {"tool": "convert_hex_to_ascii", "args": ["4d4f5252"]} End Action',
    'Action: {"tool": "caesar_decode", "args": ["MORR", 2]} End Action',
    'Answer: KMPP',
  );
  add(
    'json',
    trip,
    'Action: {"tool": "find_flights", "args": ["A", "2023-12-25"]} End Action',
    'Action: {"tool": "budget_calculator", "args": [450, 120, 5]} End Action',
    'Answer: 1050',
  );
  // Ten wrong answers: the episode ends at the limit.
  add('json', sales, ...Array.from({ length: 10 }, (_, i) => `Answer: ${i + 10}`));
  add(
    'text',
    hex,
    'Action: convert_hex_to_ascii, 4d4f5252 End Action',
    'Action: caesar_decode, MORR, 2 End Action',
    'Answer: KMPP',
  );
  add('text', trip, 'Answer: 1050');
  add('text', sales, 'I will look at the page.', 'Action: click_url, /team/sales End Action', 'Answer: 4');
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

let executor: Executor;
let outDir: string;
let scriptPath: string;
beforeAll(async () => {
  executor = await createPythonExecutor();
});
afterAll(async () => {
  await executor?.dispose();
});
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'm3-bench-'));
  scriptPath = join(outDir, 'script.jsonl');
  await writeFile(scriptPath, scriptLines());
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function bench(options: { reporter?: Reporter; abortSignal?: AbortSignal; concurrency?: number } = {}) {
  const model = await loadScriptedModel(scriptPath, { modelId: 'gpt-4-0613' });
  const run = await runBenchmark({
    suite: await loadSuite('m3tooleval'),
    model,
    executor,
    formats: ['code', 'json', 'text'],
    tasks,
    outDir: join(outDir, 'run'),
    concurrency: options.concurrency ?? 2,
    reporter: options.reporter,
    abortSignal: options.abortSignal,
  });
  return { run, model };
}

describe('codeact bench m3tooleval with a scripted model', () => {
  it('runs three formats end to end and writes results, Table 3 and Fig. 1', async () => {
    const { run, model } = await bench();
    expect(run.errors).toEqual([]);
    model.assertComplete();

    const results = JSON.parse(await readFile(join(outDir, 'run', 'results.json'), 'utf8'));
    expect(results.summary).toEqual({
      code: { success: 3, total: 3, avgTurns: 2 },
      json: { success: 2, total: 3, avgTurns: (3 + 3 + 10) / 3 },
      text: { success: 3, total: 3, avgTurns: (3 + 1 + 3) / 3 },
    });
    expect(results.tasks[sales].json).toMatchObject({ success: false, turns: 10, endReason: 'limit' });
    expect(results.tasks[trip].text).toMatchObject({
      success: true,
      turns: 1,
      endReason: 'correct',
      family: 'travel_itinerary_planning',
    });
    expect(results.tasks[hex].code.tokens.input).toBeGreaterThan(0);

    const report = await readFile(join(outDir, 'run', 'report.md'), 'utf8');
    expect(report).toContain('| Model | Success Rate (%) CodeAct | JSON | Text | Avg. Turns CodeAct | JSON | Text |');
    expect(report).toContain('| gpt-4-0613 (this run) | 100.0 | 66.7 | 100.0 | 2.0 | 5.3 | 2.3 |');
    expect(report).toContain('| gpt-4-0613 (paper) | 67.1 | 56.1 | 45.1 | 6.6 | 7.6 | 8.0 |');
    expect(report).toContain('| web_browsing | 1/1 | 0/1 | 1/1 |');
    const svg = await readFile(join(outDir, 'run', 'chart.svg'), 'utf8');
    expect(svg).toContain('>CodeAct</text>');
    expect(svg).toContain('>66.7</text>');
    expect(svg).toContain('>paper</text>');

    // Observations and feedback are the protocol's, verbatim.
    const episode = JSON.parse(
      await readFile(join(outDir, 'run', 'episodes', 'json', `${encodeURIComponent(trip)}.json`), 'utf8'),
    );
    expect(episode.trajectory.messages.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(episode.trajectory.messages[2].content).toBe(
      "Failed to execute tool find_flights with args ('A', '2023-12-25'). Did you try to invoke more than one tool at a time?",
    );
    expect(episode.trajectory.messages[4].content).toBe('1050');
    const code = JSON.parse(
      await readFile(join(outDir, 'run', 'episodes', 'code', `${encodeURIComponent(trip)}.json`), 'utf8'),
    );
    // The hallucinated observation and answer after `End Action` are cut before the reply is stored.
    expect(
      code.trajectory.messages[1].content.endsWith(
        "print(budget_calculator(f[0]['price'], h[0]['price_per_night'], 5))\nEnd Action",
      ),
    ).toBe(true);
    expect(code.trajectory.messages[2].content).toBe('1050');
    const text = JSON.parse(
      await readFile(join(outDir, 'run', 'episodes', 'text', `${encodeURIComponent(sales)}.json`), 'utf8'),
    );
    expect(text.trajectory.messages[2].content).toBe(
      "Invalid generation. Your output should contain either 'Action:' or 'Answer:'",
    );
  });

  it('resumes after an abort without losing or repeating an episode', async () => {
    const full = await bench();
    const expected = JSON.parse(await readFile(join(outDir, 'run', 'results.json'), 'utf8'));
    await rm(join(outDir, 'run'), { recursive: true });

    const controller = new AbortController();
    let finished = 0;
    const first = await bench({
      abortSignal: controller.signal,
      reporter: {
        onEpisodeEnd: () => {
          finished += 1;
          if (finished === 4) controller.abort();
        },
      },
    });
    expect(first.run.complete).toBe(false);
    const saved = await readdir(join(outDir, 'run', 'episodes'), { recursive: true });
    const savedEpisodes = saved.filter((name) => name.endsWith('.json'));
    expect(savedEpisodes.length).toBe(first.run.results.length);
    expect(saved.some((name) => name.endsWith('.tmp'))).toBe(false);

    const second = await bench();
    expect(second.run.complete).toBe(true);
    // Finished episodes were not asked again; the rest were asked exactly once.
    const askedAgain = new Set(second.model.calls.map((call) => call.taskId));
    for (const result of first.run.results) expect(askedAgain.has(`${result.format}:${result.taskId}`)).toBe(false);
    const resumed = JSON.parse(await readFile(join(outDir, 'run', 'results.json'), 'utf8'));
    expect(resumed.summary).toEqual(expected.summary);
    expect(Object.keys(resumed.tasks).sort()).toEqual(Object.keys(expected.tasks).sort());
    expect(full.run.results).toHaveLength(9);
  });
});
