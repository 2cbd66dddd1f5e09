import { z } from 'zod';

/** A Python exception raised by an action: data for the model, never a thrown error. */
export const PythonException = z.object({
  /** Exception class name, e.g. `NameError`, `TimeoutError`. */
  name: z.string(),
  message: z.string(),
  /** The formatted traceback, ending in the `Name: message` line. */
  traceback: z.string(),
});
export type PythonException = z.infer<typeof PythonException>;

/** A file the action produced for the user, e.g. a matplotlib figure. */
export const Artifact = z.object({
  type: z.literal('image'),
  mimeType: z.enum(['image/png']),
  /** Base64 without a data: prefix. */
  data: z.string(),
  name: z.string(),
});
export type Artifact = z.infer<typeof Artifact>;

/** What running one action produced. */
export const Execution = z.object({
  stdout: z.string(),
  stderr: z.string(),
  /** `repr()` of the value of a trailing bare expression, when it is not None (as IPython shows `Out[n]`). */
  result: z.string().optional(),
  error: PythonException.optional(),
  artifacts: z.array(Artifact),
  /** 1 for the first action of a session; restarts begin again at 1. */
  executionCount: z.number().int(),
  durationMs: z.number(),
  /** Bytes of stdout/stderr dropped by the capture cap. */
  truncatedBytes: z.number().int().optional(),
  /** The action ran out of time (or was aborted) and was stopped. */
  timedOut: z.boolean().optional(),
  /** The interpreter was killed or crashed and replaced: variables from earlier actions are gone. */
  stateLost: z.boolean().optional(),
});
export type Execution = z.infer<typeof Execution>;
