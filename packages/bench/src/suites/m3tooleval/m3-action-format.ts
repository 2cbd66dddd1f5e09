import {
  type Action,
  type ActionFormat,
  coerceTextArgument,
  type ParsedReply,
  parseMarkedReply,
  postprocessMarkedReply,
  pythonStrip,
} from '@codeact/core';
import type { M3Format } from './m3-data.js';
import { m3ModeInstructions } from './m3-prompt.js';

/** The M³ToolEval reply format: the paper's markers, plus the raw action text for exact execution. */
export type M3ActionFormat = ActionFormat & {
  /** The action text exactly as written (after `Action:`), for tool calls this format parsed. */
  contentOf(action: Action): string | undefined;
};

function displayToolCall(format: 'json' | 'text', content: string): { toolName: string; args: unknown[] } {
  if (format === 'text') {
    const [name = '', ...pieces] = content.split(',');
    return { toolName: pythonStrip(name), args: pieces.map((piece) => coerceTextArgument(pythonStrip(piece))) };
  }
  try {
    const value = JSON.parse(content) as { tool?: unknown; args?: unknown };
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'tool' in value && 'args' in value) {
      return {
        toolName: typeof value.tool === 'string' ? value.tool : JSON.stringify(value.tool),
        args: Array.isArray(value.args) ? value.args : [value.args],
      };
    }
  } catch {
    // Not JSON: executing it yields the protocol's "Invalid action" observation.
  }
  return { toolName: '', args: [] };
}

/**
 * Post-processes (§2.4) and parses (§2.5) replies the way the original harness does. Code actions
 * become `code` actions (no fence stripping); JSON and text actions become `tool-call` actions whose
 * name and arguments are for display only: they run from `contentOf(action)`, in Python, so argument
 * coercion, JSON errors and `str()` of results match the original exactly.
 */
export function m3ActionFormat(format: M3Format): M3ActionFormat {
  const contents = new WeakMap<object, string>();
  return {
    specificationVersion: 'v1',
    name: format,
    // The protocol uses no stop sequences; post-processing handles run-on replies.
    stopSequences: [],
    parse(reply): ParsedReply {
      const text = postprocessMarkedReply(reply);
      const marked = parseMarkedReply(text);
      if (marked.type === 'invalid') {
        return { text, action: { type: 'invalid', reason: marked.reason, feedback: marked.feedback } };
      }
      if (marked.type === 'answer')
        return { text, action: { type: 'answer', answer: marked.content, thought: marked.thought } };
      if (format === 'code') return { text, action: { type: 'code', code: marked.content, thought: marked.thought } };
      const action: Action = { type: 'tool-call', ...displayToolCall(format, marked.content), thought: marked.thought };
      contents.set(action, marked.content);
      return { text, action };
    },
    instructions: () => m3ModeInstructions(format),
    contentOf: (action) => contents.get(action),
  };
}
