import { type AgentEvent, ModelCallError, Trajectory } from '@codeact/core';
import { modelError, modelText, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { describe, expect, it } from 'vitest';
import { CheckerError } from '../checkers/checker-error.js';
import type { MintEnvironment, MintTask, MintTaskFamily } from '../families/mint-task-family.js';
import { mintInvalidInputMessage } from './parse-mint-reply.js';
import { type MintEpisodeOptions, runMintEpisode } from './run-mint-episode.js';

const task: MintTask = {
  id: 'toy/1',
  family: 'toy',
  upstreamId: '1',
  prompt: 'What is 6 * 7?',
  reference: { type: 'str', value: '42' },
  fields: {},
};

function toyFamily(environment: Partial<MintEnvironment> = {}): MintTaskFamily {
  return {
    name: 'toy',
    group: 'out-of-domain',
    loadTasks: async () => [task],
    taskPrompt: (t) => t.prompt,
    inContextExample: async () => 'EXAMPLE\n',
    createEnvironment: () => ({
      tools: [],
      checkAnswer: async (solution) => solution.trim() === '42',
      ...environment,
    }),
  };
}

function run(replies: readonly string[], options: Partial<MintEpisodeOptions> = {}) {
  const model = new ScriptedModel({ tasks: new Map([[task.id, replies.map((reply) => modelText(reply))]]) });
  const executor = new ScriptedExecutor((code) => ({ stdout: `ran ${code}\n` }));
  const result = runMintEpisode({ model, executor, family: toyFamily(), task, generateId: () => 'run-1', ...options });
  return { model, executor, result };
}

const countDown = (steps: number, proposals: number) =>
  `You have ${steps} steps left and ${proposals} chances to propose solution left.\n`;

describe('runMintEpisode', () => {
  it('ends with success on a right answer and adds no message after it', async () => {
    const { result, model } = run(['<execute> print(6 * 7) </execute>', 'The answer is <solution> 42 </solution>.']);
    const episode = await result;
    expect(episode.success).toBe(true);
    expect(episode.terminateReason).toBe('task_success');
    expect(episode.history.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(episode.history[1]?.content).toBe('Assistant:\n<execute> print(6 * 7) </execute>\n');
    expect(episode.history[2]?.content).toBe(`Observation:\nran print(6 * 7)\n${countDown(4, 2)}`);
    expect(episode.actionCount).toEqual({ propose_solution: 1, use_tool: 1, invalid_action: 0 });
    expect(model.calls[0]?.messages).toEqual([{ role: 'user', content: episode.history[0]?.content }]);
    expect(model.calls[0]?.stopSequences).toEqual([
      '\nObservation:',
      '\nExpert feedback:',
      '\nTask:',
      '\n---',
      '\nHuman:',
    ]);
    expect([model.calls[0]?.temperature, model.calls[0]?.maxOutputTokens, model.calls[0]?.taskId]).toEqual([
      0,
      512,
      'toy/1',
    ]);
  });

  it('says a wrong answer is wrong and stops after p = 2 proposals', async () => {
    const episode = await run(['<solution> 41 </solution>', '<solution> 40 </solution>']).result;
    expect(episode.success).toBe(false);
    expect(episode.terminateReason).toBe('max_propose_steps');
    expect(episode.history[2]?.content).toBe(`Observation:\nYour answer is wrong.\n${countDown(4, 1)}`);
    expect(episode.history).toHaveLength(4);
    expect(episode.steps.map((step) => step.correct)).toEqual([false, false]);
  });

  it('counts every kind of turn against k and warns on the last step', async () => {
    const replies = [
      '<execute>a</execute>',
      'no tags here',
      '<execute>b</execute>',
      '<execute>c</execute>',
      '<execute>d</execute>',
    ];
    const episode = await run(replies).result;
    expect(episode.terminateReason).toBe('max_steps');
    expect(episode.actionCount).toEqual({ propose_solution: 0, use_tool: 4, invalid_action: 1 });
    expect(episode.history[4]?.content).toBe(`Observation:\n${mintInvalidInputMessage}\n${countDown(3, 2)}`);
    expect(episode.history.at(-2)?.content).toBe(
      `Observation:\nran c\n${countDown(1, 2)}You should take the last step to propose a solution.\n`,
    );
    expect(episode.history).toHaveLength(10);
  });

  it('stores no assistant message for an empty reply but still answers it', async () => {
    const episode = await run(['  \n', '<solution>42</solution>']).result;
    expect(episode.history.map((message) => message.role)).toEqual(['user', 'user', 'assistant']);
    expect(episode.actionCount).toEqual({ propose_solution: 1, use_tool: 0, invalid_action: 1 });
    expect(episode.success).toBe(true);
  });

  it('counts an unreadable <solution> as a proposal that can end the episode', async () => {
    const episode = await run(['<solution> 41 </solution>', 'The answer is <solution> 42']).result;
    expect(episode.terminateReason).toBe('max_propose_steps');
    expect(episode.actionCount).toEqual({ propose_solution: 2, use_tool: 0, invalid_action: 0 });
  });

  it('runs every <execute> block of a reply as one cell in one persistent session', async () => {
    const { result, executor } = run([
      '<execute>x = 1</execute> and <execute>print(x)</execute>',
      '<execute>print(x + 1)</execute>',
      '<solution>42</solution>',
    ]);
    await result;
    expect(executor.executed).toEqual(['x = 1\nprint(x)', 'print(x + 1)']);
    expect(executor.sessions).toHaveLength(1);
    expect(executor.sessions[0]?.closed).toBe(true);
  });

  it('classifies a whole reply holding code, an invented Observation and a <solution> as a proposal', async () => {
    // A server that ignores the stop sequences (or a recording of one): MINT never cuts the reply
    // itself, and `<solution>` anywhere makes the turn a proposal, so the code is not run.
    const reply = '<execute> print(6 * 7) </execute>\nObservation:\n42\nThe answer is <solution> 42 </solution>';
    const model = new ScriptedModel({ tasks: new Map([[task.id, [modelText(reply)]]]), ignoreStopSequences: true });
    const executor = new ScriptedExecutor((code) => ({ stdout: `ran ${code}\n` }));
    const episode = await runMintEpisode({ model, executor, family: toyFamily(), task, generateId: () => 'run-1' });
    expect(episode.success).toBe(true);
    expect(episode.actionCount).toEqual({ propose_solution: 1, use_tool: 0, invalid_action: 0 });
    expect(executor.executed).toEqual([]);
    expect(episode.history[1]?.content).toBe(`Assistant:\n${reply}\n`);
  });

  it('reads tags as MINT does: an unclosed <execute> is invalid, a <solution> inside code is a proposal', async () => {
    const episode = await run([
      '<execute> print(1)',
      '<execute> print("<solution>") </execute>',
      '<solution> 42 </solution>',
    ]).result;
    expect(episode.steps.map((step) => step.parsed.kind)).toEqual(['invalid-code', 'invalid-answer', 'answer']);
    expect(episode.actionCount).toEqual({ propose_solution: 2, use_tool: 0, invalid_action: 1 });
    expect(episode.history[2]?.content).toBe(`Observation:\n${mintInvalidInputMessage}\n${countDown(4, 2)}`);
    expect(episode.history[4]?.content).toBe(`Observation:\n${mintInvalidInputMessage}\n${countDown(3, 1)}`);
    expect(episode.success).toBe(true);
  });

  it('spends the budget at the edges as MINT does', async () => {
    // The k-th turn ends the episode even with a proposal left; a right answer on it still wins.
    const last = await run([
      '<execute>a</execute>',
      'x',
      '<execute>b</execute>',
      '<execute>c</execute>',
      '<solution> 41 </solution>',
    ]).result;
    expect([last.terminateReason, last.success]).toEqual(['max_steps', false]);
    const lastRight = await run([
      '<execute>a</execute>',
      'x',
      '<execute>b</execute>',
      '<execute>c</execute>',
      '<solution> 42 </solution>',
    ]).result;
    expect([lastRight.terminateReason, lastRight.success]).toEqual(['task_success', true]);
    // Proposals and steps running out on the same turn end it as max_propose_steps (checked first).
    const both = await run(['<solution> 41 </solution>', '<solution> 40 </solution>'], { maxSteps: 2 }).result;
    expect(both.terminateReason).toBe('max_propose_steps');
    // k = 1 allows one proposal; the single turn carries no count-down message.
    const single = await run(['<execute>a</execute>'], { maxSteps: 1 }).result;
    expect([single.terminateReason, single.history.length]).toEqual(['max_steps', 2]);
  });

  it('shows a checker exception as a traceback and counts the proposal', async () => {
    const family = toyFamily({
      checkAnswer: async () => {
        throw new CheckerError('KeyError', "'e'");
      },
    });
    const episode = await run(['<solution> e </solution>', '<solution> e </solution>'], { family }).result;
    expect(episode.history[2]?.content).toContain("KeyError: 'e'\n");
    expect(episode.actionCount.propose_solution).toBe(2);
  });

  it('ends after a code action when the environment reports the task solved', async () => {
    const family = toyFamily({ solved: () => true });
    const episode = await run(['<execute> goto("desk") </execute>'], { family }).result;
    expect([episode.success, episode.terminateReason, episode.history.length]).toEqual([true, 'task_success', 2]);
  });

  it('ends as a failure on a context-length error, and rethrows retryable ones', async () => {
    const tooLong = new ModelCallError({ message: 'maximum context length exceeded', statusCode: 400 });
    const model = new ScriptedModel({
      tasks: new Map([[task.id, [modelText('<execute>1</execute>'), modelError(tooLong)]]]),
    });
    const executor = new ScriptedExecutor(() => ({ stdout: '1\n' }));
    const episode = await runMintEpisode({ model, executor, family: toyFamily(), task });
    expect([episode.success, episode.terminateReason, episode.error]).toEqual([
      false,
      'error',
      'maximum context length exceeded',
    ]);
    expect(episode.trajectory.outcome).toMatchObject({ status: 'error', reason: 'error' });

    const busy = new ModelCallError({ message: 'rate limited', statusCode: 429, isRetryable: true });
    const flaky = new ScriptedModel({ tasks: new Map([[task.id, [modelError(busy)]]]) });
    await expect(runMintEpisode({ model: flaky, executor, family: toyFamily(), task })).rejects.toBe(busy);
  });

  it('can send the empty system message code-act used for CodeActAgent', async () => {
    const { result, model } = run(['<solution>42</solution>'], { emptySystemMessage: true });
    const episode = await result;
    expect(model.calls[0]?.messages[0]).toEqual({ role: 'system', content: '' });
    expect(episode.trajectory.messages[0]).toEqual({ role: 'system', content: '' });
  });

  it('emits core agent events and records a valid trajectory', async () => {
    const events: AgentEvent[] = [];
    const episode = await run(['<execute>print(1)</execute>', '<solution>42</solution>'], {
      onEvent: (event) => events.push(event),
      now: () => new Date('2024-01-01T00:00:00Z'),
    }).result;
    expect(events.map((event) => event.type)).toEqual([
      'run-start',
      'user-message',
      'step-start',
      'text-delta',
      'text-delta',
      'reply-end',
      'action',
      'execution-start',
      'execution-end',
      'observation',
      'step-end',
      'step-start',
      'text-delta',
      'text-delta',
      'reply-end',
      'action',
      'step-end',
      'run-end',
    ]);
    expect(Trajectory.safeParse(episode.trajectory).success).toBe(true);
    expect(episode.trajectory).toMatchObject({
      id: 'run-1',
      taskId: 'toy/1',
      actionFormat: 'mint',
      outcome: { status: 'answer', answer: '42', reason: 'task_success' },
      metadata: { mint: { family: 'toy', success: true, actionCount: { use_tool: 1, propose_solution: 1 } } },
    });
    expect(episode.trajectory.steps.map((step) => step.action.type)).toEqual(['code', 'answer']);
  });

  it('serves code observations from a recording when asked, without running code', async () => {
    const recorded = `Observation:\nrecorded output\n${countDown(4, 2)}`;
    const { result, executor } = run(['<execute>print(1)</execute>', '<solution>42</solution>'], {
      observations: 'recorded',
      toolReplay: { tools: [], takeCalls: () => ({ served: 0, missing: 0 }), recordedMessage: () => recorded },
    });
    const episode = await result;
    expect(executor.executed).toEqual([]);
    expect(episode.history[2]?.content).toBe(recorded);
    expect(episode.steps[0]?.observationSource).toBe('recording');
  });
});
