import type { AgentOptions } from './agent-options.js';
import { type RunResult, streamAgent } from './stream-agent.js';

/** Runs the agent to the end and returns the result; `streamAgent` without the events. */
export async function runAgent(options: AgentOptions): Promise<RunResult> {
  const stream = streamAgent(options);
  for await (const _event of stream) {
    // Draining drives nothing (the loop runs eagerly) but keeps the queue from growing.
  }
  return stream.result;
}
