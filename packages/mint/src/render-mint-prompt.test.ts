import { describe, expect, it } from 'vitest';
import { readMintDataLines } from './__fixtures__/read-mint-data-lines.js';
import { mintTaskFamilies } from './families/builtin-families.js';
import { renderMintPrompt } from './render-mint-prompt.js';

type RecordedRow = { state: { history: { role: string; content: string }[] }; task: { task_id: number | string } };

async function recordedFirstPrompts(family: string): Promise<Map<string, string>> {
  const lines = await readMintDataLines(
    `reference_outputs/CodeActAgent-Mistral-7b-v0.1/max5_p2+tool+cd/${family}.results.jsonl.gz`,
  );
  const rows = lines.map((line) => JSON.parse(line) as RecordedRow);
  return new Map(rows.map((row) => [String(row.task.task_id), row.state.history[0]?.content ?? '']));
}

describe('renderMintPrompt', () => {
  for (const family of mintTaskFamilies) {
    it(`renders every ${family.name} first prompt byte-identical to the recorded state.history[0]`, async () => {
      const recorded = await recordedFirstPrompts(family.name);
      const tasks = await family.loadTasks();
      expect(tasks.length).toBe(recorded.size);
      const mismatched: string[] = [];
      for (const task of tasks) {
        const environment = family.createEnvironment(task, {
          executor: undefined as never,
          rule: 'recorded',
          abortSignal: new AbortController().signal,
        });
        const prompt = await renderMintPrompt({
          maxSteps: 5,
          maxProposals: 2,
          tools: environment.tools,
          inContextExample: await family.inContextExample(task),
          taskPrompt: family.taskPrompt(task),
        });
        if (prompt !== recorded.get(task.upstreamId)) mismatched.push(task.id);
      }
      expect(mismatched).toEqual([]);
    });
  }

  it('leaves four newlines before the separator when there are no tools', async () => {
    const prompt = await renderMintPrompt({
      maxSteps: 5,
      maxProposals: 2,
      tools: [],
      inContextExample: 'EXAMPLE\n',
      taskPrompt: 'do it',
    });
    expect(prompt).toContain(
      'You can only propose a solution 2 times.\n\n\n\n---\n\nEXAMPLE\n\n\n---\n\nTask:\ndo it\n',
    );
  });
});
