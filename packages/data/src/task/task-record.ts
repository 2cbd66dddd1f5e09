import { z } from 'zod';

/**
 * One task of a task source: a line of a task JSONL file (`codeact data collect --tasks FILE`).
 * See `docs/codeactinstruct.md` for the format and the shipped samples in `packages/data/samples/`.
 */
export const TaskRecord = z.object({
  /** Unique within the file; becomes the trajectory's `taskId`. Conventionally `<source>/<original id>`. */
  id: z.string().min(1),
  /** The dataset it comes from (`hotpotqa`, `math`, `apps`, `wtq-sql`, `wtq-pandas`, `alfworld`, …): statistics and down-sampling group by it. */
  source: z.string().min(1),
  /** The task text shown after `Task:`. */
  prompt: z.string(),
  /** What the checker compares with; its shape depends on the checker. */
  reference: z.unknown(),
  /** Checker family: `reasoning`, `math`, `wtq`, `apps`, `python-tests`, `exact`, `alfworld`, or one you register. */
  checker: z.string().min(1),
  /** Names of the tools the episode preloads in Python, e.g. `wikipedia_search`. */
  tools: z.array(z.string()).default([]),
  /** In-context example family for the MINT prompt (`reasoning`, `APPS`, `tabular`, `alfworld/put`, …). Default by checker. */
  example: z.string().optional(),
  /** Python run in the session before the first turn, e.g. loading a table into `conn` or `df`. */
  setup: z.string().optional(),
  /** Interaction budget k (turns). Default: the collection's (5). */
  maxTurns: z.number().int().positive().optional(),
  /** Proposal budget p. Default: the collection's (2). */
  maxProposals: z.number().int().positive().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type TaskRecord = z.infer<typeof TaskRecord>;
export type TaskRecordInput = z.input<typeof TaskRecord>;
