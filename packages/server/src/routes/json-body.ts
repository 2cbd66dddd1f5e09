import { validator } from 'hono/validator';
import type { z } from 'zod';

/** Validates the JSON body against `schema`; a 400 naming the first bad field otherwise. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return validator('json', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.json({ error: 'bad-request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message}` }, 400);
    }
    return parsed.data as z.infer<T>;
  });
}

/** The body of every 404. */
export const notFound = { error: 'not-found' } as const;
