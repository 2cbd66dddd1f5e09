import type { LanguageModelUsage, ProviderMetadata } from 'ai';

/**
 * The cost of one call in USD when the provider reports it: OpenRouter puts `cost` in the raw usage,
 * gateways put it in provider metadata (`{ gateway: { cost: '0.0012' } }`).
 */
export function extractCostUsd(
  usage: LanguageModelUsage | undefined,
  providerMetadata: ProviderMetadata | undefined,
): number | undefined {
  const fromUsage = toCost(usage?.raw?.cost);
  if (fromUsage !== undefined) return fromUsage;
  for (const metadata of Object.values(providerMetadata ?? {})) {
    const cost = toCost(metadata.cost);
    if (cost !== undefined) return cost;
  }
  return undefined;
}

function toCost(value: unknown): number | undefined {
  const cost = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : undefined;
}
