import type { Action, ActionFormat, ParsedReply } from '@codeact/core';
import { invalidInputFeedback } from '@codeact/core';
import { pyStrip } from '../python/python-string.js';

/** How MINT reads one reply (§1.3 of the spec). */
export type MintReply =
  | { readonly kind: 'code'; readonly code: string; readonly thought: string }
  | { readonly kind: 'answer'; readonly answer: string; readonly thought: string }
  /** No `<solution>` and no non-empty `<execute>` block: an invalid action. */
  | { readonly kind: 'invalid-code'; readonly thought: string }
  /** `<solution>` appears but no closed block has content: counts as a proposal, not a valid one. */
  | { readonly kind: 'invalid-answer'; readonly thought: string };

/** MINT's reply to a turn it cannot act on (the same text as core's `invalidInputFeedback`). */
export const mintInvalidInputMessage = invalidInputFeedback;

/** The stop sequences MINT passes to the model (vLLM's `\nHuman:` included). */
export const mintStopSequences: readonly string[] = [
  '\nObservation:',
  '\nExpert feedback:',
  '\nTask:',
  '\n---',
  '\nHuman:',
];

function collect(text: string, tag: 'execute' | 'solution'): string {
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g');
  return [...text.matchAll(pattern)].map((match) => pyStrip(match[1] as string)).join('\n');
}

function thoughtOf(text: string): string {
  const first = text.search(/<execute>|<solution>/);
  return pyStrip((first === -1 ? text : text.slice(0, first)).replace(/<\/?thought>/g, ''));
}

/**
 * Classifies a reply exactly as MINT does: any `<solution>` substring makes it a proposal, else it
 * is a code action. Every non-greedy `<tag>…</tag>` block is stripped and the blocks are joined with
 * `\n` (several `<execute>` blocks run as one cell); nothing collected makes the turn invalid.
 */
export function parseMintReply(text: string): MintReply {
  const thought = thoughtOf(text);
  if (text.includes('<solution>')) {
    const answer = collect(`\n${text}\n`, 'solution');
    return answer === '' ? { kind: 'invalid-answer', thought } : { kind: 'answer', answer, thought };
  }
  const code = collect(`\n${text}\n`, 'execute');
  return code === '' ? { kind: 'invalid-code', thought } : { kind: 'code', code, thought };
}

/** The core `Action` for a MINT reply (for events and trajectories). */
export function mintCoreAction(reply: MintReply): Action {
  switch (reply.kind) {
    case 'code':
      return { type: 'code', code: reply.code, thought: reply.thought };
    case 'answer':
      return { type: 'answer', answer: reply.answer, thought: reply.thought };
    case 'invalid-code':
      return { type: 'invalid', reason: 'no <execute> block', feedback: mintInvalidInputMessage };
    case 'invalid-answer':
      return { type: 'invalid', reason: 'no closed <solution> block', feedback: mintInvalidInputMessage };
  }
}

/**
 * MINT's action format as a core `ActionFormat`, for use outside the MINT runner (e.g. collecting
 * CodeActInstruct-style trajectories with the core loop). The reply is kept whole, as MINT keeps it.
 */
export function mintActionFormat(): ActionFormat {
  return {
    specificationVersion: 'v1',
    name: 'mint',
    stopSequences: mintStopSequences,
    parse(reply): ParsedReply {
      return { text: reply, action: mintCoreAction(parseMintReply(reply)) };
    },
    instructions: () => '',
  };
}
