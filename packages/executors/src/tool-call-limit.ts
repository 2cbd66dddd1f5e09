import type { ToolHost } from '@codeact/core';

const toolCallPrefix = '{"type":"tool-call"';

/**
 * The longest tool-call message an executor reads from the interpreter, in bytes: the tool host's
 * argument limit with room for JSON escaping (up to 6 bytes a character). Longer calls are dropped
 * while they are read and answered with a `TypeError`.
 */
export function maxToolCallBytes(tools: ToolHost | undefined): number {
  return (tools?.maxArgumentChars ?? 256 * 1024) * 6 + 4096;
}

/** A `LineLimit` for an interpreter's message stream: only tool calls are limited. */
export function toolCallLineLimit(tools: () => ToolHost | undefined, onOversized: (head: string) => void) {
  return {
    maxLineBytes: (head: string) =>
      head.startsWith(toolCallPrefix) ? maxToolCallBytes(tools()) : Number.POSITIVE_INFINITY,
    onOversized: (head: string) => {
      if (head.startsWith(toolCallPrefix)) onOversized(head);
    },
  };
}

/** The error a dropped oversized call gets, naming the tool when its name was readable. */
export function oversizedCallMessage(head: string, tools: ToolHost | undefined): string {
  const name = /\\?"name\\?":\s?\\?"([A-Za-z_][A-Za-z0-9_]*)/.exec(head)?.[1] ?? 'the tool';
  return `Arguments to ${name}() exceed ${tools?.maxArgumentChars ?? 256 * 1024} characters; the call was not read.`;
}
