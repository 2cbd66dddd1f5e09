import type { AgentOptions } from '@codeact/core';
import type { CliValues } from '../cli-options.js';

/** The loop settings shared by `run` and `chat`, from their flags. */
export function agentSettings(values: CliValues): Partial<AgentOptions> {
  return {
    maxTurns: values['max-turns'] ?? 10,
    maxOutputTokens: values['max-tokens'] ?? 1024,
    temperature: values.temperature ?? 0,
    // With the environment's keys (always redacted), the key given on the command line.
    ...(values['api-key'] === undefined ? {} : { secrets: [values['api-key']] }),
    ...(values.timeout === undefined ? {} : { actionTimeoutMs: values.timeout * 1000 }),
    ...(values['time-limit'] === undefined ? {} : { timeLimitMs: values['time-limit'] * 1000 }),
  };
}
