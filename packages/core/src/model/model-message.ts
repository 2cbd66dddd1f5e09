import { z } from 'zod';

/** A chat message. CodeAct is text in, text out: actions travel inside assistant text. */
export const ModelMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ModelMessage = z.infer<typeof ModelMessage>;
