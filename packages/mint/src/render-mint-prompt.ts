import { describeTools, type Tool } from '@codeact/core';
import { readMintPromptFile } from './mint-data.js';

export type RenderMintPromptOptions = {
  /** k: turns in the episode. */
  readonly maxSteps: number;
  /** p: proposals allowed. */
  readonly maxProposals: number;
  /** Listed in the `Tool function available` block (empty for code generation). */
  readonly tools: readonly Tool[];
  readonly inContextExample: string;
  /** The task text; the prompt adds `Task:\n` before it. */
  readonly taskPrompt: string;
};

/** Python `str.format` on a template: `{name}` from `values`, `{{`/`}}` as braces. */
function formatTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{|\}\}|\{([A-Za-z_]\w*)\}/g, (match, name: string | undefined) => {
    if (name === undefined) return match[0] as string;
    const value = values[name];
    if (value === undefined) throw new Error(`The MINT template has no value for {${name}}.`);
    return value;
  });
}

/**
 * The single first user message of a MINT episode: `template_with_tool.txt` with the budget, the
 * tool list (core's MINT-layout `describeTools`), the family's in-context example and `Task:\n…`.
 * Byte-identical to `state.history[0]` of the recorded MINT runs.
 */
export async function renderMintPrompt(options: RenderMintPromptOptions): Promise<string> {
  const template = await readMintPromptFile('mint/prompt/templates/template_with_tool.txt');
  return formatTemplate(template, {
    max_total_steps: String(options.maxSteps),
    max_propose_solution: String(options.maxProposals),
    tool_desc: describeTools(options.tools),
    in_context_example: options.inContextExample,
    task_prompt: `Task:\n${options.taskPrompt}`,
  });
}
