import { readFileSync } from 'node:fs';
import { ConfigurationError } from '@codeact/core';

type MintPromptAssets = { template: string; examples: Record<string, string> };

let assets: MintPromptAssets | undefined;

/** The MINT template and in-context examples shipped in `packages/data/prompts/` (byte-exact, MIT). */
export function mintPromptAssets(): MintPromptAssets {
  assets ??= JSON.parse(
    readFileSync(new URL('../../prompts/mint-prompts.json', import.meta.url), 'utf8'),
  ) as MintPromptAssets;
  return assets;
}

/** The in-context example family each checker uses by default (spec §1.7). */
export function defaultExampleFor(checker: string): string {
  switch (checker) {
    case 'apps':
      return 'APPS';
    case 'wtq':
      return 'tabular';
    case 'python-tests':
      return 'mbpp';
    case 'alfworld':
      return 'alfworld/put';
    default:
      return 'reasoning';
  }
}

export type RenderMintPromptOptions = {
  /** The task text (without `Task:`). */
  readonly task: string;
  /** `describeTools(tools)`: empty, or the header and one block per tool ending in a blank line. */
  readonly toolDescription: string;
  /** In-context example family, e.g. `reasoning`. */
  readonly example: string;
  /** k. */
  readonly maxTurns: number;
  /** p. */
  readonly maxProposals: number;
};

/**
 * The single first user message of a MINT episode (spec §1.2): instructions, budget, tools, the
 * in-context example, and `Task:\n<task>`.
 */
export function renderMintPrompt(options: RenderMintPromptOptions): string {
  const { template, examples } = mintPromptAssets();
  const example = examples[options.example];
  if (example === undefined) {
    throw new ConfigurationError(
      `unknown in-context example "${options.example}"; known: ${Object.keys(examples).sort().join(', ')}`,
    );
  }
  const values: Record<string, string> = {
    max_total_steps: String(options.maxTurns),
    max_propose_solution: String(options.maxProposals),
    tool_desc: options.toolDescription,
    in_context_example: example,
    task_prompt: `Task:\n${options.task}`,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const noOutput = '[Executed Successfully with No Output]';

/** MINT's execution output (spec §1.5): stripped, the no-output marker, cut at 2,000 characters. */
export function mintExecutionOutput(parts: readonly (string | undefined)[]): string {
  const output = parts
    .filter((part): part is string => Boolean(part))
    .map((part) => (part.endsWith('\n') ? part : `${part}\n`))
    .join('')
    .trim();
  if (output === '') return noOutput;
  return output.length > 2000 ? `${output.slice(0, 2000)}...\n[Output Truncated]` : output;
}

/** An environment message with MINT's count-down (spec §1.5). An empty observation reads "Your answer is wrong." */
export function mintObservation(
  observation: string,
  budget: {
    readonly maxTurns: number;
    readonly turnsUsed: number;
    readonly maxProposals: number;
    readonly proposals: number;
  },
): string {
  const stepsLeft = budget.maxTurns - budget.turnsUsed;
  let text = `Observation:\n${observation === '' ? 'Your answer is wrong.' : observation}\n`;
  text += `You have ${stepsLeft} steps left and ${budget.maxProposals - budget.proposals} chances to propose solution left.\n`;
  if (stepsLeft <= 1) text += 'You should take the last step to propose a solution.\n';
  return text;
}
