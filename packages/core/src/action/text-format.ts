import type { AgentOptions } from '../agent/agent-options.js';
import type { Tool } from '../tool/define-tool.js';
import { pythonParameters, pythonSignature } from '../tool/python-signature.js';
import { createToolHost } from '../tool/tool-host.js';
import type { ActionFormat, ParsedReply } from './action-format.js';
import { pythonLstrip, pythonStrip } from './python-strip.js';

/** What the paper's harness tells the model about replies it cannot read. */
export const markedReplyFeedback = {
  both: "Invalid generation. Your output should contain either 'Action:' or 'Answer:', but not both.",
  neither: "Invalid generation. Your output should contain either 'Action:' or 'Answer:'",
} as const;

/** A reply read with the paper's `Action: … End Action` / `Answer: …` markers. */
export type MarkedReply =
  | { readonly type: 'action'; readonly content: string; readonly thought: string }
  | { readonly type: 'answer'; readonly content: string; readonly thought: string }
  | { readonly type: 'invalid'; readonly reason: string; readonly feedback: string };

/**
 * The paper's post-processing of a raw reply (M³ToolEval §2.4): keep only the first `Action:` or
 * `Answer:`, cut after its `End Action` and before a following `Thought:`. Replies with at most
 * one marker are only left-stripped.
 */
export function postprocessMarkedReply(raw: string): string {
  const generation = pythonLstrip(raw);
  const markers = [...generation.matchAll(/Answer:|Action:/g)];
  if (markers.length <= 1) return generation;
  let trimmed = pythonStrip(generation.slice(0, markers[1]!.index));
  // With no `Action:` the original computes -1 + 7 = 6.
  const afterAction = trimmed.indexOf('Action:') + 'Action:'.length;
  const endAction = trimmed.indexOf('End Action', afterAction);
  if (endAction !== -1) trimmed = pythonStrip(trimmed.slice(0, endAction + 'End Action'.length));
  const thought = trimmed.indexOf('Thought:', afterAction);
  if (thought !== -1) trimmed = pythonStrip(trimmed.slice(0, thought));
  return trimmed;
}

/**
 * Reads a post-processed reply (M³ToolEval §2.5): an answer is everything after the first
 * `Answer:` (stripped); an action is everything after the first `Action:` (left-stripped) up to
 * `End Action`, which may be missing. Matching is case-sensitive.
 */
export function parseMarkedReply(text: string): MarkedReply {
  const answerAt = text.indexOf('Answer:');
  const actionAt = text.indexOf('Action:');
  if (answerAt !== -1 && actionAt !== -1) {
    return { type: 'invalid', reason: 'both Action: and Answer:', feedback: markedReplyFeedback.both };
  }
  if (answerAt !== -1) {
    return {
      type: 'answer',
      content: pythonStrip(text.slice(answerAt + 'Answer:'.length)),
      thought: pythonStrip(text.slice(0, answerAt)),
    };
  }
  if (actionAt !== -1) {
    let content = pythonLstrip(text.slice(actionAt + 'Action:'.length));
    const end = content.indexOf('End Action');
    if (end !== -1) content = content.slice(0, end);
    return { type: 'action', content, thought: pythonStrip(text.slice(0, actionAt)) };
  }
  return { type: 'invalid', reason: 'neither Action: nor Answer:', feedback: markedReplyFeedback.neither };
}

/** The tool list as the paper's M³ToolEval prompt shows it: `[i] name: description` and its signature. */
export function describeToolsMarked(tools: readonly Tool[]): string {
  const lines = tools.map(
    (tool, index) => `[${index + 1}] ${tool.name}: ${tool.description}\n    Signature: ${pythonSignature(tool)}\n`,
  );
  return `You have access to the following tools:\n${lines.join('')}`;
}

/** The closing lines of the paper's prompt, shared by the text and JSON formats. */
export const markedReplyRules =
  "You can optionally express your thoughts using natural language before your action. For example, 'Thought: I want to use tool_name to do something. Action: <your action to call tool_name> End Action'.\n" +
  "Note that your output should always contain either 'Action:' or 'Answer:', but not both.\n" +
  "When you are done, output the result using 'Answer: your answer'";

const textInstructions =
  'You can use the tools by outputing the tool name followed by its arguments, delimited by commas.\n' +
  "You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n" +
  "Example: 'Action: tool_name, argument_1 End Action'\n" +
  'You can only invoke one tool at a time.\n';

const digits = '\\d(?:_?\\d)*';
const integerLiteral = new RegExp(`^[+-]?${digits}$`);
const floatLiteral = new RegExp(`^[+-]?(?:${digits}\\.(?:${digits})?|\\.${digits}|${digits})(?:[eE][+-]?${digits})?$`);

/** As Python's `int()` then `float()` would read it: `42`, `1_000`, `2.5`, `1e3`, `inf`, `nan`; anything else stays text. */
export function coerceTextArgument(text: string): string | number {
  if (integerLiteral.test(text) || floatLiteral.test(text)) return Number(text.replaceAll('_', ''));
  if (/^[+-]?(?:inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return Number.NaN;
  return text;
}

function fromMarked(
  text: string,
  marked: MarkedReply,
  toAction: (content: string, thought: string) => ParsedReply['action'],
): ParsedReply {
  switch (marked.type) {
    case 'invalid':
      return { text, action: { type: 'invalid', reason: marked.reason, feedback: marked.feedback } };
    case 'answer':
      return { text, action: { type: 'answer', answer: marked.content, thought: marked.thought } };
    case 'action':
      return { text, action: toAction(marked.content, marked.thought) };
  }
}

/** Parses with the paper's markers, mapping action content with `toAction`. */
export function parseMarkedAction(
  reply: string,
  toAction: (content: string, thought: string) => ParsedReply['action'],
): ParsedReply {
  const text = postprocessMarkedReply(reply);
  return fromMarked(text, parseMarkedReply(text), toAction);
}

/**
 * The paper's text action format: `Action: tool_name, arg1, arg2 End Action`, one tool call per
 * turn, arguments split on every comma (no escaping) and numbers coerced; `Answer: …` ends the task.
 * Tool calls reach the loop as `tool-call` actions: run them with `toolCallHandler(tools)`.
 *
 * @example
 * runAgent({ model, executor, tools, actionFormat: textActionFormat(), handleToolCall: toolCallHandler(tools), prompt });
 */
export function textActionFormat(): ActionFormat {
  return {
    specificationVersion: 'v1',
    name: 'text',
    stopSequences: [],
    parse: (reply) =>
      parseMarkedAction(reply, (content, thought) => {
        const [name = '', ...pieces] = content.split(',');
        return {
          type: 'tool-call',
          toolName: pythonStrip(name),
          args: pieces.map((piece) => coerceTextArgument(pythonStrip(piece))),
          thought,
        };
      }),
    instructions: (tools) => `${describeToolsMarked(tools)}\n${textInstructions}\n${markedReplyRules}`,
  };
}

/**
 * Runs `tool-call` actions (text and JSON formats) on the host: positional arguments are matched to
 * the tool's parameters in order and validated; the result is the observation (strings as they are,
 * other values as JSON). Failures are observations too, so the model can correct itself.
 */
export function toolCallHandler(tools: readonly Tool[]): NonNullable<AgentOptions['handleToolCall']> {
  const host = createToolHost(tools);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return async (action, context) => {
    const tool = byName.get(action.toolName);
    if (!tool) return `Could not find tool with name ${action.toolName}`;
    const names = pythonParameters(tool).map((parameter) => parameter.name);
    if (action.args.length > names.length) {
      return `Failed to execute tool ${tool.name}: it takes ${names.length} arguments, got ${action.args.length}.`;
    }
    const args = Object.fromEntries(action.args.map((value, index) => [names[index], value]));
    const call = { name: tool.name, args, sessionId: 'tool-call', abortSignal: context.abortSignal };
    const result = await host.call({ ...call, scope: context.toolScope });
    if (!result.ok) return `Failed to execute tool ${tool.name}: ${result.error.message}`;
    return typeof result.value === 'string' ? result.value : JSON.stringify(result.value);
  };
}
