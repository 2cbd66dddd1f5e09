import { z } from 'zod';

/** One line of a `script:` file: a reply, optionally for one task id. */
export const ModelScriptLine = z.strictObject({
  reply: z.string(),
  task: z.string().min(1).optional(),
});
export type ModelScriptLine = z.infer<typeof ModelScriptLine>;
