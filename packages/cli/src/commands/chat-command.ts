import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type AgentEvent,
  type ExecutorSession,
  type ModelMessage,
  meterModel,
  streamAgent,
  stringifyTrajectory,
  type Usage,
} from '@codeact/core';
import { approveToolCalls } from '../approve-tool-calls.js';
import { type CliIo, readLines } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
import { addUsage, formatUsage } from '../format-usage.js';
import { createEventPrinter } from '../print-events.js';
import {
  cliSystemPrompt,
  openCliStore,
  resolveCliExecutor,
  resolveCliModel,
  resolveCliToolset,
} from '../resolve-context.js';
import { createArtifactSaver } from '../save-artifacts.js';
import { createStyler } from '../style-text.js';
import { agentSettings } from './agent-settings.js';

const chatHelp = `Commands:
  /help    this list
  /reset   start over: a fresh interpreter and an empty conversation
  /tokens  tokens used (and cost, when the provider reports it) so far
  /exit    quit (also Ctrl-D, or Ctrl-C at the prompt)
Ctrl-C while the agent works stops that turn only; the interpreter keeps its variables.
`;

/**
 * `codeact chat`: one sandboxed session for the whole conversation; each line the user types
 * starts an agent turn that ends with a message or an answer. A failed or interrupted turn is
 * reported once and the chat goes on with its interpreter intact.
 */
export async function chatCommand(values: CliValues, _positionals: string[], io: CliIo): Promise<number> {
  const metered = meterModel(await resolveCliModel(values, io));
  const model = metered.model;
  const toolset = await resolveCliToolset(values, io);
  const packages = { packages: 'ask' as const, cwd: io.cwd };
  const { executor, explanation } = await resolveCliExecutor(values, packages).catch(async (error: unknown) => {
    await toolset.close();
    throw error;
  });
  const style = createStyler(Boolean(io.stderr.isTTY) && !io.env.NO_COLOR);
  const prompt = () => {
    if (io.stderr.isTTY) io.stderr.write(style.bold('you> '));
  };
  io.stderr.write(
    `codeact: ${explanation}\ncodeact chat with ${model.provider}:${model.modelId}. Type a message; /help lists commands, /exit or Ctrl-D quits.\n`,
  );
  const openSession = () =>
    executor.createSession({
      tools: toolset.toolHost,
      workDir: values.workdir === undefined ? undefined : resolve(io.cwd, values.workdir),
    });
  let session: ExecutorSession = await openSession();
  const store = await openCliStore(values, io);
  let conversationId = randomUUID();
  const saveArtifacts = createArtifactSaver(values.artifacts, io.cwd, () => conversationId);
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  let messages: readonly ModelMessage[] | undefined;
  let exitCode = 0;
  try {
    const lines = readLines(io.stdin);
    const approveToolCall = approveToolCalls(values, { write: (text) => io.stderr.write(text), lines, style });
    while (true) {
      prompt();
      const next = await nextLineOrInterrupt(lines, io);
      if (next === 'interrupt') {
        io.stderr.write('\n');
        exitCode = 130;
        break;
      }
      if (next.done) break;
      const text = next.value.trim();
      if (!text) continue;
      if (text === '/exit' || text === '/quit') break;
      if (text === '/help') {
        io.stderr.write(chatHelp);
        continue;
      }
      if (text === '/tokens') {
        io.stderr.write(`${formatUsage(usage, metered.costUsd())}\n`);
        continue;
      }
      if (text === '/reset') {
        await session.close();
        session = await openSession();
        messages = undefined;
        conversationId = randomUUID();
        io.stderr.write('codeact: fresh interpreter, empty conversation.\n');
        continue;
      }
      if (/^\/[a-z]+$/.test(text)) {
        io.stderr.write(`codeact: unknown command ${text}; /help lists the commands.\n`);
        continue;
      }
      const turn = new AbortController();
      io.onInterrupt?.(() => turn.abort(new Error('interrupted')));
      const stream = streamAgent({
        model,
        session,
        tools: toolset.tools,
        system: cliSystemPrompt(toolset, 'chat'),
        prompt: text,
        messages,
        mode: 'chat',
        conversationId,
        onStepEnd: store ? (partial) => store.saveTrajectory(partial) : undefined,
        abortSignal: AbortSignal.any([io.abortSignal, turn.signal]),
        approveToolCall,
        ...agentSettings(values),
      });
      const print = createEventPrinter((chunk) => io.stdout.write(chunk), style, { saveArtifacts });
      let end: Extract<AgentEvent, { type: 'run-end' }> | undefined;
      for await (const event of stream) {
        if (event.type === 'run-end') {
          end = event;
          addUsage(usage, event.usage);
        }
        if (!values.json) print(event);
        else {
          io.stdout.write(`${JSON.stringify(event)}\n`);
          if (event.type === 'execution-end') saveArtifacts?.(event.execution.artifacts);
        }
      }
      io.onInterrupt?.(undefined);
      const result = await stream.result.catch((error: unknown) => {
        // The transcript already showed the run-end error; in --json mode it is said here, once.
        if (values.json || !end) io.stderr.write(`codeact: ${(error as Error).message}\n`);
        return undefined;
      });
      if (end?.status === 'aborted' && turn.signal.aborted) {
        io.stderr.write('codeact: turn stopped; the interpreter keeps its state.\n');
      }
      if (result) messages = result.messages;
      if (end) await store?.saveTrajectory(end.trajectory);
      if (values.trajectory && end) {
        await appendFile(resolve(io.cwd, values.trajectory), `${stringifyTrajectory(end.trajectory)}\n`);
      }
      if (io.abortSignal.aborted) break;
    }
  } finally {
    io.onInterrupt?.(undefined);
    io.stderr.write(`codeact: ${formatUsage(usage, metered.costUsd())}\n`);
    await session.close();
    await executor.dispose();
    await store?.close();
    await toolset.close();
  }
  return exitCode;
}

/** The next line the user typed, or `interrupt` when Ctrl-C comes first. */
function nextLineOrInterrupt(lines: AsyncIterator<string>, io: CliIo): Promise<IteratorResult<string> | 'interrupt'> {
  return new Promise((resolveNext, reject) => {
    io.onInterrupt?.(() => resolveNext('interrupt'));
    lines.next().then((next) => {
      io.onInterrupt?.(undefined);
      resolveNext(next);
    }, reject);
  });
}
