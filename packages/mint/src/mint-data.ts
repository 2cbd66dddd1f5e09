import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@codeact/core';
import { getJsonField, parsePythonJson } from './python/parse-python-json.js';
import type { PyValue } from './python/python-value.js';

/** `packages/mint/data/` (the same relative path from `src/` and from `dist/`). */
export const mintDataDir = fileURLToPath(new URL('../data/', import.meta.url));

/** The recorded CodeActAgent-Mistral-7b-v0.1 MINT run at k = 5 (`<family>.results.jsonl.gz`), shipped in `data/`. */
export const mintRecordedRunDir = `${mintDataDir}reference_outputs/CodeActAgent-Mistral-7b-v0.1/max5_p2+tool+cd`;

/** One row of a MINT `test_prompts.json` file (JSON Lines despite the name). */
export type MintTestPrompt = {
  readonly id: string;
  readonly prompt: string;
  /** The reference with Python's int/float distinction kept (TheoremQA compares by type). */
  readonly reference: PyValue;
  /** Every field of the row as JSON.parse reads it (`answer_type`, `entry_point`, …). */
  readonly fields: Readonly<Record<string, unknown>>;
};

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`Cannot read MINT data file ${path}. Is the @codeact/mint package complete?`, {
      cause: error,
    });
  }
}

/** Reads `data/<family>/test_prompts.json`. */
export async function readTestPrompts(family: string, dataDir: string = mintDataDir): Promise<MintTestPrompt[]> {
  const text = await readText(`${dataDir}/${family}/test_prompts.json`);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fields = JSON.parse(line) as Record<string, unknown>;
      return {
        id: String(fields.id),
        prompt: String(fields.prompt),
        reference: getJsonField(parsePythonJson(line), 'reference') ?? { type: 'none' },
        fields,
      };
    });
}

type PromptAssets = { readonly files: Readonly<Record<string, string>> };
let assets: Promise<PromptAssets> | undefined;

/** A prompt file vendored from MINT, e.g. `mint/prompt/templates/template_with_tool.txt`, byte-exact. */
export async function readMintPromptFile(path: string): Promise<string> {
  assets ??= readText(`${mintDataDir}/prompts/mint_prompt_assets.json`).then(
    (text) => JSON.parse(text) as PromptAssets,
  );
  const file = (await assets).files[path];
  if (file === undefined) throw new ConfigurationError(`MINT prompt file ${path} is not in mint_prompt_assets.json.`);
  return file;
}

/** The in-context example of a task family (`reasoning`, `mbpp`, `alfworld/put`, …). */
export function readInContextExample(family: string, withFeedback = false): Promise<string> {
  const file = withFeedback ? 'with_tool_and_feedback.txt' : 'with_tool.txt';
  return readMintPromptFile(`mint/tasks/in_context_examples/${family}/${file}`);
}
