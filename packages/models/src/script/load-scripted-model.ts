import { readFile } from 'node:fs/promises';
import { ConfigurationError, modelText, ScriptedModel } from '@codeact/core';
import { parseModelScript } from './parse-model-script.js';

/**
 * Reads a JSONL model script and returns core's `ScriptedModel` playing it back: lines with `task`
 * answer calls with that task id, the others answer the rest, each queue in file order. Running out
 * throws `ScriptExhaustedError`; a missing file or a bad line throws `ConfigurationError`.
 */
export async function loadScriptedModel(
  path: string,
  options: { readonly modelId?: string | undefined } = {},
): Promise<ScriptedModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new ConfigurationError(`Cannot read model script ${path} (${reason}). Check the path after "script:".`, {
      cause: error,
    });
  }
  const parsed = parseModelScript(text, { file: path });
  if (!parsed.success) throw parsed.error;
  const { replies, tasks } = parsed.value;
  return new ScriptedModel({
    modelId: options.modelId ?? path,
    steps: replies.map((reply) => modelText(reply)),
    tasks: new Map([...tasks].map(([task, taskReplies]) => [task, taskReplies.map((reply) => modelText(reply))])),
  });
}
