import type { Usage } from '@codeact/core';

/** `usage: 1,234 input + 56 output tokens, $0.0012` (the cost only when the provider reports one). */
export function formatUsage(usage: Usage, costUsd: number | undefined): string {
  const tokens = `${usage.inputTokens.toLocaleString('en-US')} input + ${usage.outputTokens.toLocaleString('en-US')} output tokens`;
  const cost = costUsd === undefined ? 'cost not reported by the provider' : `$${costUsd.toFixed(4)}`;
  return `usage: ${tokens}, ${cost}`;
}

/** Adds `usage` into `total`. */
export function addUsage(total: Usage, usage: Usage): void {
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
}
