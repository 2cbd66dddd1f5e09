import type { TrainingConversation } from '../export/to-training-conversation.js';
import type { TokenCounter } from './token-counter.js';

/** One row of the paper's Table 4. */
export type StatsRow = {
  readonly source: string;
  readonly instances: number;
  /** Sum over conversations of min(tokens, clip). */
  readonly totalTokens: number;
  readonly averageTokens: number;
};

export type DatasetStats = {
  readonly tokenizer: string;
  readonly clipTokens: number;
  readonly rows: StatsRow[];
  readonly total: StatsRow;
};

/**
 * Instances, total tokens and average tokens per instance, per source and overall (spec §2.7): each
 * conversation's count is clipped at `clipTokens` (4,096, the Llama-2 context) before summing.
 */
export async function computeDatasetStats(
  conversations: AsyncIterable<TrainingConversation> | Iterable<TrainingConversation>,
  counter: TokenCounter,
  options: { readonly clipTokens?: number } = {},
): Promise<DatasetStats> {
  const clipTokens = options.clipTokens ?? 4096;
  const totals = new Map<string, { instances: number; tokens: number }>();
  for await (const conversation of conversations) {
    const entry = totals.get(conversation.source) ?? { instances: 0, tokens: 0 };
    entry.instances += 1;
    entry.tokens += Math.min(counter.countConversation(conversation.messages), clipTokens);
    totals.set(conversation.source, entry);
  }
  const row = (source: string, instances: number, tokens: number): StatsRow => ({
    source,
    instances,
    totalTokens: tokens,
    averageTokens: instances === 0 ? 0 : tokens / instances,
  });
  const rows = [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, entry]) => row(source, entry.instances, entry.tokens));
  const instances = rows.reduce((sum, entry) => sum + entry.instances, 0);
  const tokens = rows.reduce((sum, entry) => sum + entry.totalTokens, 0);
  return { tokenizer: counter.name, clipTokens, rows, total: row('total', instances, tokens) };
}

/** The table as aligned text: source, instances, total tokens, average tokens per instance. */
export function formatStatsTable(stats: DatasetStats): string {
  const header = ['source', '# instances', '# total tokens', 'avg tokens / instance'];
  const lines = [...stats.rows, stats.total].map((entry) => [
    entry.source,
    entry.instances.toLocaleString('en-US'),
    entry.totalTokens.toLocaleString('en-US'),
    entry.averageTokens.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  return [
    `${stats.tokenizer} tokens, each conversation clipped at ${stats.clipTokens.toLocaleString('en-US')}`,
    render(header),
    ...lines.slice(0, -1).map(render),
    render(lines.at(-1) ?? []),
  ].join('\n');
}
