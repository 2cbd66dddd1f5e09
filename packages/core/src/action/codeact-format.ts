import type { FinishReason } from '../model/language-model.js';
import type { Tool } from '../tool/define-tool.js';
import { describeTools } from '../tool/describe-tools.js';
import type { Action } from './action.js';
import type { ActionFormat, ParsedReply } from './action-format.js';

/** MINT's reply to a turn it cannot act on (protocol text, trailing spaces included). */
export const invalidInputFeedback =
  "I don't understand your input. \n" +
  'If you want to execute code, please use <execute> YOUR_CODE_HERE </execute>.\n' +
  'If you want to give me an answer, please use <solution> YOUR_SOLUTION_HERE </solution>.\n' +
  'For example: The answer to the question is <solution> 42 </solution>. \n';

export type CodeActFormatOptions = {
  /** Read a fenced ```python block as a code action when the reply has no tags. Default true. */
  readonly acceptMarkdownCode?: boolean;
  /** Longest reply accepted, in characters. Default 256 KiB. */
  readonly maxReplyChars?: number;
  /** `task` asks for a `<solution>`; `chat` lets the agent answer the user in plain text. Default `task`. */
  readonly mode?: 'task' | 'chat';
};

const tags = { execute: 'execute', solution: 'solution' } as const;
type Tag = keyof typeof tags;

function stripThought(text: string): string {
  return text.replace(/<\/?thought>/g, '').trim();
}

/** `<execute>```python\nx\n```</execute>` is common; run the inside of the fence. */
function unfence(code: string): string {
  const match = /^```[\w+-]*[ \t]*\n([\s\S]*?)\n?```$/.exec(code.trim());
  return match ? (match[1] ?? '') : code;
}

function findFence(reply: string): { start: number; end: number; code: string; closed: boolean } | undefined {
  const open = /```(?:python3?|py)?[ \t]*\n/.exec(reply);
  if (!open) return undefined;
  const bodyStart = open.index + open[0].length;
  const close = reply.indexOf('```', bodyStart);
  if (close === -1) return { start: open.index, end: reply.length, code: reply.slice(bodyStart), closed: false };
  return { start: open.index, end: close + 3, code: reply.slice(bodyStart, close), closed: true };
}

/** `<execute>` and `<solution>` blocks opened at or after `from`. */
function countActions(reply: string, from: number): number {
  let count = 0;
  for (const tag of Object.keys(tags)) {
    for (let index = reply.indexOf(`<${tag}>`, from); index !== -1; index = reply.indexOf(`<${tag}>`, index + 1)) {
      count += 1;
    }
  }
  return count;
}

function skippedNote(tag: Tag, skipped: number): string {
  const what =
    skipped === 1
      ? 'Another action followed it in your reply and was'
      : `${skipped} more actions followed it in your reply and were`;
  return `Only the first <${tag}> block of your reply was ${tag === 'execute' ? 'run' : 'read'}. ${what} not run; send one action per reply.`;
}

function invalid(text: string, reason: string, feedback: string = invalidInputFeedback): ParsedReply {
  return { text, action: { type: 'invalid', reason, feedback } };
}

function cutOffFeedback(tag: string): string {
  return `Your reply was cut off at the token limit before </${tag}>, so nothing was run. Send a shorter action.\n`;
}

/**
 * Parses a reply. The rules, in order (each reply gets exactly one outcome):
 * 1. Empty or whitespace-only, or longer than `maxReplyChars`: invalid.
 * 2. The earliest `<execute>` or `<solution>` opens the action; the reply is cut right after its
 *    closing tag, so later actions, answers and hallucinated observations are dropped; a note tells
 *    the model how many later actions were not run.
 * 3. A missing closing tag is added (the stop sequence removes it), unless the reply ended at the
 *    token limit: then the action is incomplete and invalid.
 * 4. An empty action is invalid. A fenced block inside `<execute>` is unwrapped.
 * 5. With no tags, the first fenced python block is a code action (when enabled); the reply is cut
 *    after it.
 * 6. Anything else is a plain message.
 */
function parseReply(reply: string, finishReason: FinishReason | undefined, options: CodeActFormatOptions): ParsedReply {
  const maxReplyChars = options.maxReplyChars ?? 256 * 1024;
  if (reply.trim() === '') return invalid(reply, 'empty reply');
  if (reply.length > maxReplyChars) {
    return invalid(reply.slice(0, 2000), `reply longer than ${maxReplyChars} characters`);
  }
  let open: { tag: Tag; index: number } | undefined;
  for (const tag of Object.keys(tags) as Tag[]) {
    const index = reply.indexOf(`<${tag}>`);
    if (index !== -1 && (open === undefined || index < open.index)) open = { tag, index };
  }
  if (open) {
    const bodyStart = open.index + open.tag.length + 2;
    const closeTag = `</${open.tag}>`;
    const close = reply.indexOf(closeTag, bodyStart);
    if (close === -1 && finishReason === 'length') {
      return invalid(reply, `unterminated <${open.tag}> at the token limit`, cutOffFeedback(open.tag));
    }
    const body = close === -1 ? reply.slice(bodyStart) : reply.slice(bodyStart, close);
    const text = close === -1 ? `${reply}${closeTag}` : reply.slice(0, close + closeTag.length);
    const thought = stripThought(reply.slice(0, open.index));
    const content = open.tag === 'execute' ? unfence(body).trim() : body.trim();
    if (content === '') return invalid(text, `empty <${open.tag}>`);
    const action: Action =
      open.tag === 'execute' ? { type: 'code', code: content, thought } : { type: 'answer', answer: content, thought };
    const skipped = close === -1 ? 0 : countActions(reply, close + closeTag.length);
    return skipped === 0 ? { text, action } : { text, action, note: skippedNote(open.tag, skipped) };
  }
  if (options.acceptMarkdownCode ?? true) {
    const fence = findFence(reply);
    if (fence) {
      if (!fence.closed && finishReason === 'length') {
        return invalid(reply, 'unterminated code block at the token limit', cutOffFeedback('execute'));
      }
      const code = fence.code.trim();
      const text = fence.closed ? reply.slice(0, fence.end) : `${reply.trimEnd()}\n\`\`\``;
      if (code === '') return invalid(text, 'empty code block');
      return { text, action: { type: 'code', code, thought: stripThought(reply.slice(0, fence.start)) } };
    }
  }
  return { text: reply, action: { type: 'message', text: stripThought(reply) } };
}

const taskInstructions = `You are a helpful assistant assigned with the task of problem-solving. To achieve this, you will be using an interactive coding environment equipped with a variety of tool functions to assist you throughout the process.

At each turn, you should first provide your step-by-step thinking for solving the task. Your thought process should be enclosed using "<thought>" tag, for example: <thought> I need to print "Hello World!" </thought>.

After that, you have two options:

1) Interact with a Python programming environment and receive the corresponding output. Your code should be enclosed using "<execute>" tag, for example: <execute> print("Hello World!") </execute>.
2) Directly provide a solution that adheres to the required format for the given task. Your solution should be enclosed using "<solution>" tag, for example: The answer is <solution> A </solution>.`;

const chatInstructions = `You are a helpful assistant that solves problems by writing and running Python code. You work in an interactive, stateful Python environment: variables, imports and functions persist between your code blocks, and files you write stay in the working directory.

At each turn, first think step by step. Then do one of:

1) Run Python and see its output: enclose the code in "<execute>" tags, for example: <execute> print("Hello World!") </execute>. Print what you need to see. If the code fails, read the traceback and fix it.
2) Give the final answer to the user's request: enclose it in "<solution>" tags, for example: The answer is <solution> 42 </solution>.
3) Talk to the user in plain text, without tags, to ask a question or report on your work.`;

/**
 * The paper's CodeAct action format: `<execute>` for code, `<solution>` for answers, with fenced
 * python blocks accepted as code. See `parseReply` for the exact rules.
 */
export function codeActFormat(options: CodeActFormatOptions = {}): ActionFormat {
  return {
    specificationVersion: 'v1',
    name: 'code',
    stopSequences: ['</execute>', '</solution>', '\nObservation:'],
    parse: (reply, parseOptions) => parseReply(reply, parseOptions?.finishReason, options),
    instructions(tools: readonly Tool[]) {
      const base = options.mode === 'chat' ? chatInstructions : taskInstructions;
      const toolList = describeTools(tools);
      return toolList ? `${base}\n\n${toolList}` : base;
    },
  };
}
