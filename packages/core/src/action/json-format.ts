import type { ActionFormat } from './action-format.js';
import { describeToolsMarked, markedReplyRules, parseMarkedAction } from './text-format.js';

const jsonInstructions =
  'You can use the tools by outputing a JSON object with the following fields:\n' +
  "  - 'tool': the name of the tool\n" +
  "  - 'args': a list of arguments to the tool\n" +
  "You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n" +
  `Example: 'Action: {"tool": "tool_name", "args": ["argument_1"]} End Action'\n` +
  'You can only invoke one tool at a time.\n';

/** Sent back when an action is not a `{"tool": …, "args": […]}` object (the paper's wording). */
export function invalidJsonActionFeedback(error: string): string {
  return `Invalid action. You should output a JSON object with the following fields: 'tool' (the name of the tool), 'args' (a list of arguments to the tool). Error: ${error}`;
}

/**
 * The paper's JSON action format: `Action: {"tool": "name", "args": [...]} End Action`, one call
 * per turn; `args` that is not a list is one argument. `Answer: …` ends the task. Tool calls reach
 * the loop as `tool-call` actions: run them with `toolCallHandler(tools)`.
 */
export function jsonActionFormat(): ActionFormat {
  return {
    specificationVersion: 'v1',
    name: 'json',
    stopSequences: [],
    parse: (reply) =>
      parseMarkedAction(reply, (content, thought) => {
        let value: unknown;
        try {
          value = JSON.parse(content);
        } catch (error) {
          const message = (error as Error).message;
          return { type: 'invalid', reason: `not JSON: ${message}`, feedback: invalidJsonActionFeedback(message) };
        }
        if (
          typeof value !== 'object' ||
          value === null ||
          Array.isArray(value) ||
          !('tool' in value) ||
          !('args' in value)
        ) {
          const missing = 'a JSON object with "tool" and "args"';
          return {
            type: 'invalid',
            reason: `not ${missing}`,
            feedback: invalidJsonActionFeedback(`expected ${missing}`),
          };
        }
        const { tool, args } = value as { tool: unknown; args: unknown };
        return {
          type: 'tool-call',
          toolName: typeof tool === 'string' ? tool : JSON.stringify(tool),
          args: Array.isArray(args) ? args : [args],
          thought,
        };
      }),
    instructions: (tools) => `${describeToolsMarked(tools)}\n${jsonInstructions}\n${markedReplyRules}`,
  };
}
