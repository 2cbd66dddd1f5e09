import { createApprovalPolicy, type ToolApprover } from '@codeact/core';
import type { CliValues } from './cli-options.js';
import type { Styler } from './style-text.js';

/** Asks on the terminal: reads the answer from the same lines as the chat. */
export type TerminalPrompt = {
  readonly write: (text: string) => void;
  readonly lines: AsyncIterator<string>;
  readonly style: Styler;
};

function describeCall(toolName: string, args: unknown): string {
  const json = JSON.stringify(args) ?? '';
  return `${toolName}(${json.length > 400 ? `${json.slice(0, 400)}…` : json})`;
}

/**
 * The approver for `run` and `chat`: `--yes` allows everything and `--allow-tool` the named tools;
 * with a terminal prompt (chat) the user is asked about the rest (allow once, always, or deny),
 * without one (run) the rest is denied.
 */
export function approveToolCalls(values: CliValues, prompt?: TerminalPrompt): ToolApprover {
  const always = new Set<string>();
  const ask: ToolApprover | undefined = prompt
    ? async ({ toolName, args }) => {
        if (always.has(toolName)) return 'allow';
        prompt.write(prompt.style.bold(`Allow ${describeCall(toolName, args)}? [y] once, [a] always, [N] deny: `));
        const next = await prompt.lines.next();
        const answer = next.done ? '' : next.value.trim().toLowerCase();
        if (answer === 'a' || answer === 'always') always.add(toolName);
        return ['y', 'yes', 'a', 'always'].includes(answer) ? 'allow' : 'deny';
      }
    : undefined;
  return createApprovalPolicy({ allow: values['allow-tool'] ?? [], yes: values.yes ?? false, ask });
}
