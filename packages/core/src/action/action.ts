import { z } from 'zod';

/** What the model asked for in one reply. */
export const Action = z.discriminatedUnion('type', [
  /** Python to run in the session. */
  z.object({ type: z.literal('code'), code: z.string(), thought: z.string() }),
  /** A direct tool call (JSON and text action formats); `args` are positional. */
  z.object({ type: z.literal('tool-call'), toolName: z.string(), args: z.array(z.unknown()), thought: z.string() }),
  /** A final answer. */
  z.object({ type: z.literal('answer'), answer: z.string(), thought: z.string() }),
  /** Plain text with no action: a message to the user in chat mode. */
  z.object({ type: z.literal('message'), text: z.string() }),
  /** A reply the format cannot act on; `feedback` is what the model is told. */
  z.object({ type: z.literal('invalid'), reason: z.string(), feedback: z.string() }),
]);
export type Action = z.infer<typeof Action>;
