import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CodeActError, type ModelMessage, streamAgent, stringifyTrajectory } from '@codeact/core';
import { approveToolCalls } from '../approve-tool-calls.js';
import { type CliIo, readLines } from '../cli-io.js';
import type { CliValues } from '../cli-options.js';
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

/**
 * `codeact chat`: one sandboxed session for the whole conversation; each line the user types
 * starts an agent turn that ends with a message or an answer. `/exit` or end of input quits.
 */
export async function chatCommand(values: CliValues, _positionals: string[], io: CliIo): Promise<number> {
  const model = await resolveCliModel(values, io);
  const toolset = await resolveCliToolset(values, io);
  const { executor, explanation } = await resolveCliExecutor(values).catch(async (error: unknown) => {
    await toolset.close();
    throw error;
  });
  const style = createStyler(Boolean(io.stderr.isTTY) && !io.env.NO_COLOR);
  const prompt = () => {
    if (io.stderr.isTTY) io.stderr.write(style.bold('you> '));
  };
  io.stderr.write(
    `codeact: ${explanation}\ncodeact chat with ${model.provider}:${model.modelId}. Type a message; /exit or Ctrl-D quits.\n`,
  );
  const session = await executor.createSession({
    tools: toolset.toolHost,
    workDir: values.workdir === undefined ? undefined : resolve(io.cwd, values.workdir),
  });
  const store = await openCliStore(values, io);
  const conversationId = randomUUID();
  const saveArtifacts = createArtifactSaver(values.artifacts, io.cwd, () => conversationId);
  let messages: readonly ModelMessage[] | undefined;
  let exitCode = 0;
  try {
    const lines = readLines(io.stdin);
    const approveToolCall = approveToolCalls(values, { write: (text) => io.stderr.write(text), lines, style });
    prompt();
    for await (const line of lines) {
      const text = line.trim();
      if (text === '/exit') break;
      if (!text) {
        prompt();
        continue;
      }
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
        abortSignal: io.abortSignal,
        approveToolCall,
        ...agentSettings(values),
      });
      const print = createEventPrinter((chunk) => io.stdout.write(chunk), style, { saveArtifacts });
      for await (const event of stream) {
        if (!values.json) print(event);
        else {
          io.stdout.write(`${JSON.stringify(event)}\n`);
          if (event.type === 'execution-end') saveArtifacts?.(event.execution.artifacts);
        }
      }
      try {
        const result = await stream.result;
        messages = result.messages;
        await store?.saveTrajectory(result.trajectory);
        if (values.trajectory) {
          await appendFile(resolve(io.cwd, values.trajectory), `${stringifyTrajectory(result.trajectory)}\n`);
        }
        if (result.status === 'aborted') break;
      } catch (error) {
        io.stderr.write(`codeact: ${(error as Error).message}\n`);
        exitCode = 1;
        if (CodeActError.isInstance(error) && ['CONFIGURATION', 'MODEL_CALL', 'SCRIPT_EXHAUSTED'].includes(error.code))
          break;
      }
      prompt();
    }
  } finally {
    await session.close();
    await executor.dispose();
    await store?.close();
    await toolset.close();
  }
  return exitCode;
}
