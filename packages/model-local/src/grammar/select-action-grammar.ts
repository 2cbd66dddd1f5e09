import { ConfigurationError } from '@codeact/core';
import type { ActionGrammar } from './action-grammar.js';
import { codeActGrammar } from './codeact-grammar.js';
import { jsonActionGrammar, markedActionGrammar } from './marked-action-grammar.js';
import { type ToolSignature, toolSignaturesFromPrompt } from './tool-signatures.js';

/** The grammar names a spec or provider option may give. */
export const actionGrammarNames = ['auto', 'codeact', 'json', 'marked', 'none'] as const;
export type ActionGrammarName = (typeof actionGrammarNames)[number];

/**
 * Which replies a local model may produce: `codeact` (`<execute>`/`<solution>`), `json` (the paper's
 * `Action: {"tool": …, "args": […]} End Action`), `marked` (`Action: … End Action` with free text:
 * the paper's text and M³ToolEval code formats), `none`, or `auto` (read from the prompt's format
 * instructions; CodeAct when they name none). A custom `ActionGrammar` is used as given.
 */
export type ActionGrammarOption = ActionGrammarName | ActionGrammar;

export function isActionGrammarName(value: string): value is ActionGrammarName {
  return (actionGrammarNames as readonly string[]).includes(value);
}

/** Reads the action format from the instructions in the first system and user messages. */
export function detectActionGrammar(promptText: string): Exclude<ActionGrammarName, 'auto'> {
  if (promptText.includes('<execute>')) return 'codeact';
  if (promptText.includes('End Action')) {
    return /["']tool["']/.test(promptText) && /["']args["']/.test(promptText) ? 'json' : 'marked';
  }
  return 'codeact';
}

/**
 * The grammar for one call. `promptText` holds the instructions (system message and first user
 * message), read for `auto` and, for `json` without `tools`, for the tools' signatures.
 */
export function selectActionGrammar(
  option: ActionGrammarOption,
  promptText: string,
  tools?: readonly ToolSignature[] | undefined,
): ActionGrammar | undefined {
  if (typeof option !== 'string') return option;
  if (!isActionGrammarName(option)) {
    throw new ConfigurationError(`Unknown grammar "${option}". Use one of: ${actionGrammarNames.join(', ')}.`);
  }
  const name = option === 'auto' ? detectActionGrammar(promptText) : option;
  switch (name) {
    case 'none':
      return undefined;
    case 'codeact':
      return codeActGrammar();
    case 'marked':
      return markedActionGrammar();
    case 'json':
      return jsonActionGrammar({ tools: tools ?? toolSignaturesFromPrompt(promptText) });
  }
}
