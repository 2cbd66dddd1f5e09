import { type EpisodeFidelity, type MintGroup, mintTaskFamilies } from '@codeact/mint';
import type { EpisodeResult, ReportContext, SummaryEntry } from '../../harness/benchmark-suite.js';
import { percent, summarizeEpisodes } from '../../harness/summarize.js';
import type { ChartSpec } from '../../harness/svg-chart.js';
import { mintPaperRows } from './mint-paper-results.js';

/** `{ success, total }` per family; families of other engines (ALFWorld) can be added by callers. */
export type FamilyCounts = Readonly<Record<string, { readonly success: number; readonly total: number }>>;

/** The family of a MINT task id (`gsm8k/12` → `gsm8k`). */
export function familyOfTaskId(taskId: string): string {
  const slash = taskId.indexOf('/');
  return slash === -1 ? taskId : taskId.slice(0, slash);
}

/** `results.json`'s summary: one `{ success, total, avgTurns }` per task family, in the paper's order. */
export function summarizeMint(results: readonly EpisodeResult[]): Record<string, SummaryEntry> {
  const summary: Record<string, SummaryEntry> = {};
  for (const family of mintTaskFamilies) {
    summary[family.name] = summarizeEpisodes(results.filter((result) => familyOfTaskId(result.taskId) === family.name));
  }
  return summary;
}

const groupOf = new Map<string, MintGroup>([
  ...mintTaskFamilies.map((family) => [family.name, family.group] as const),
  ['alfworld', 'in-domain'],
]);

/** Micro-average of a group: summed successes over summed tasks. */
export function microAverage(counts: FamilyCounts, group: MintGroup): { success: number; total: number } {
  let success = 0;
  let total = 0;
  for (const [family, entry] of Object.entries(counts)) {
    if (groupOf.get(family) !== group) continue;
    success += entry.success;
    total += entry.total;
  }
  return { success, total };
}

/** Table 5's MINT columns for one model next to the paper's rows. */
export function renderTable5(label: string, counts: FamilyCounts, note = ''): string[] {
  const id = microAverage(counts, 'in-domain');
  const od = microAverage(counts, 'out-of-domain');
  return [
    '| Model | MINT (ID) | MINT (OD) |',
    '|---|---|---|',
    `| **${label}**${note} | **${percent(id.success, id.total)}** (${id.success}/${id.total}) | **${percent(od.success, od.total)}** (${od.success}/${od.total}) |`,
    ...mintPaperRows.map((row) => `| ${row.model} (paper) | ${row.id.toFixed(1)} | ${row.od.toFixed(1)} |`),
  ];
}

/** One row per task family: group, successes, rate, and an optional column to compare with. */
export function renderFamilyTable(counts: FamilyCounts, compare?: { title: string; counts: FamilyCounts }): string[] {
  const families = [...new Set([...Object.keys(compare?.counts ?? {}), ...Object.keys(counts)])].sort(
    (a, b) => order(a) - order(b),
  );
  const head = compare ? ` ${compare.title} |` : '';
  return [
    `| Task | Group | Success | Rate (%) |${head}`,
    `|---|---|---|---|${compare ? '---|' : ''}`,
    ...families.map((family) => {
      const entry = counts[family];
      const other = compare?.counts[family];
      const cells = entry ? `${entry.success}/${entry.total} | ${percent(entry.success, entry.total)}` : '– | –';
      const extra = compare ? ` ${other ? `${other.success}/${other.total}` : '–'} |` : '';
      return `| ${family} | ${groupOf.get(family) === 'in-domain' ? 'ID' : 'OD'} | ${cells} |${extra}`;
    }),
  ];
}

const familyOrder = ['alfworld', ...mintTaskFamilies.map((family) => family.name)];
function order(family: string): number {
  const index = familyOrder.indexOf(family);
  return index === -1 ? familyOrder.length : index;
}

/** Fidelity of replayed observations per family, from the episodes' `extra.fidelity`. */
export function collectFidelity(results: readonly EpisodeResult[]): Map<string, EpisodeFidelity[]> {
  const byFamily = new Map<string, EpisodeFidelity[]>();
  for (const result of results) {
    const fidelity = result.extra?.fidelity as EpisodeFidelity | undefined;
    if (!fidelity) continue;
    const family = familyOfTaskId(result.taskId);
    byFamily.set(family, [...(byFamily.get(family) ?? []), fidelity]);
  }
  return byFamily;
}

/** A table of compared / matched / identical code actions per family, and the skip reasons. */
export function renderFidelityTable(byFamily: ReadonlyMap<string, readonly EpisodeFidelity[]>): string[] {
  const rows = [...byFamily].sort(([a], [b]) => order(a) - order(b));
  const lines = [
    '| Task | Code actions compared | Matched | Rate (%) | Byte-identical | Not compared (tool / timeout / nondeterministic / not recorded) |',
    '|---|---|---|---|---|---|',
  ];
  let compared = 0;
  let matched = 0;
  let identical = 0;
  for (const [family, episodes] of rows) {
    const sum = (pick: (fidelity: EpisodeFidelity) => number) => episodes.reduce((total, e) => total + pick(e), 0);
    const c = sum((e) => e.compared);
    const m = sum((e) => e.matched);
    const i = sum((e) => e.identical);
    compared += c;
    matched += m;
    identical += i;
    const skips = ['tool', 'timeout', 'nondeterministic', 'not-recorded'] as const;
    const skipped = skips.map((reason) => sum((e) => e.skipped[reason] ?? 0)).join(' / ');
    lines.push(`| ${family} | ${c} | ${m} | ${percent(m, c)} | ${i} | ${skipped} |`);
  }
  lines.push(`| **all** | ${compared} | ${matched} | ${percent(matched, compared)} | ${identical} | |`);
  return lines;
}

/** `report.md` of a MINT run: Table 5 layout, per-family rows, and replay fidelity when present. */
export function renderMintReport(context: ReportContext): string {
  const counts: Record<string, { success: number; total: number }> = {};
  for (const [family, entry] of Object.entries(summarizeMint(context.results))) {
    if (entry.total > 0) counts[family] = { success: entry.success, total: entry.total };
  }
  const k = context.suiteOptions.k ?? 5;
  const lines = [
    `# MINT: ${context.model}`,
    '',
    context.complete ? '' : '**Incomplete run**: rerun with the same output directory to resume.\n',
    `k = ${k} turns, at most 2 proposals, grading rule \`${context.suiteOptions.fixed ? 'current' : 'recorded'}\`. ` +
      'MINT (ID) here covers MATH and HotpotQA only: ALFWorld needs the TextWorld engine, which codeact does not run.',
    '',
    ...renderTable5(context.modelId, counts, ' (ID without ALFWorld)'),
    '',
    ...renderFamilyTable(counts),
    '',
  ];
  const fidelity = collectFidelity(context.results);
  if (fidelity.size > 0) lines.push('## Observation fidelity of the replay', '', ...renderFidelityTable(fidelity), '');
  return `${lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n')}\n`;
}

/** `chart.svg`: success rate per task family. */
export function mintChart(context: ReportContext): ChartSpec {
  const summary = summarizeMint(context.results);
  const families = mintTaskFamilies.map((family) => family.name).filter((name) => (summary[name]?.total ?? 0) > 0);
  return {
    title: `MINT (k = ${context.suiteOptions.k ?? 5}): ${context.modelId}`,
    series: [context.modelId],
    panels: [
      {
        title: 'Success rate (%)',
        max: 100,
        groups: families.map((name) => {
          const entry = summary[name] as SummaryEntry;
          return { label: name, values: [(entry.success / entry.total) * 100] };
        }),
      },
    ],
  };
}
