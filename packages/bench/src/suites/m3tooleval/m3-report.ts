import type { ReportContext } from '../../harness/benchmark-suite.js';
import { percent, summarizeEpisodes } from '../../harness/summarize.js';
import type { ChartSpec } from '../../harness/svg-chart.js';
import { type M3Family, type M3Format, m3Families, m3Formats } from './m3-data.js';
import { findM3PaperRow } from './m3-paper-results.js';

const formatLabels: Readonly<Record<M3Format, string>> = { code: 'CodeAct', json: 'JSON', text: 'Text' };

type Cells = { success: (string | undefined)[]; turns: (string | undefined)[] };

function ourCells(context: ReportContext): Cells {
  const cells: Cells = { success: [], turns: [] };
  for (const format of m3Formats) {
    const results = context.results.filter((result) => result.format === format);
    if (!context.formats.includes(format) || results.length === 0) {
      cells.success.push(undefined);
      cells.turns.push(undefined);
      continue;
    }
    const entry = summarizeEpisodes(results);
    cells.success.push(percent(entry.success, entry.total));
    cells.turns.push(entry.avgTurns.toFixed(1));
  }
  return cells;
}

function familyOf(taskId: string): M3Family | undefined {
  const prefix = taskId.split('/')[0];
  if (prefix === 'cryptobotanists_plant_dna_sequencer') return 'dna_sequencer';
  return m3Families.find((family) => family === prefix);
}

/** Table 3 of the paper for this run, with the paper's row for the same model when it has one. */
export function renderM3Report(context: ReportContext): string {
  const fixed = context.suiteOptions.fixed === true;
  const ours = ourCells(context);
  const paper = findM3PaperRow(context.modelId);
  const cell = (value: string | undefined) => value ?? '–';
  const header = m3Formats.map((format) => formatLabels[format]);
  const lines: string[] = [
    `# M³ToolEval: ${context.modelId}`,
    '',
    fixed
      ? 'Mode: **fixed** (documented quirks of the original repaired: answer check, broken links, `sum`, `find_flights` signature). Not comparable with the paper.'
      : 'Mode: **faithful** (the original protocol, quirks included; comparable with the paper).',
    '',
  ];
  if (!context.complete) {
    lines.push('**Incomplete run**: rerun with the same output directory to finish it.', '');
  }
  lines.push(
    'Table 3 layout: success rate (%) and average turns over the 82 tasks, 10-turn limit.',
    '',
    `| Model | Success Rate (%) ${header.join(' | ')} | Avg. Turns ${header.join(' | ')} |`,
    '|---|---|---|---|---|---|---|',
    `| ${context.modelId} (this run${fixed ? ', fixed' : ''}) | ${ours.success.map(cell).join(' | ')} | ${ours.turns.map(cell).join(' | ')} |`,
  );
  if (paper) {
    lines.push(
      `| ${paper.model} (paper) | ${m3Formats.map((f) => paper.success[f].toFixed(1)).join(' | ')} | ${m3Formats.map((f) => paper.turns[f].toFixed(1)).join(' | ')} |`,
    );
  }
  lines.push(
    '',
    '## By family',
    '',
    `| Family | ${context.formats.map((f) => formatLabels[f as M3Format] ?? f).join(' | ')} |`,
  );
  lines.push(`|---|${context.formats.map(() => '---').join('|')}|`);
  for (const family of m3Families) {
    const row = context.formats.map((format) => {
      const results = context.results.filter((r) => r.format === format && familyOf(r.taskId) === family);
      const entry = summarizeEpisodes(results);
      return results.length === 0 ? '–' : `${entry.success}/${entry.total}`;
    });
    lines.push(`| ${family} | ${row.join(' | ')} |`);
  }
  const counts = context.formats.map((format) => {
    const results = context.results.filter((r) => r.format === format);
    return `${formatLabels[format as M3Format] ?? format}: ${results.filter((r) => r.success).length}/${results.length} solved`;
  });
  lines.push('', counts.join('; '), '');
  return `${lines.join('\n')}\n`;
}

/** Fig. 1 (bottom) for this run: success rate and average turns per format, next to the paper's row. */
export function m3Chart(context: ReportContext): ChartSpec {
  const ours = ourCells(context);
  const paper = findM3PaperRow(context.modelId);
  const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const fixed = context.suiteOptions.fixed === true ? ', fixed' : '';
  const groups = (pick: (cells: Cells) => (string | undefined)[], paperValues?: number[]) => [
    { label: `this run${fixed}`, values: pick(ours).map(num) },
    ...(paper && paperValues ? [{ label: 'paper', values: paperValues }] : []),
  ];
  return {
    title: `M³ToolEval: ${context.modelId}`,
    series: m3Formats.map((format) => formatLabels[format]),
    panels: [
      {
        title: 'Success Rate (%)',
        max: 100,
        groups: groups((c) => c.success, paper ? m3Formats.map((f) => paper.success[f]) : undefined),
      },
      {
        title: 'Avg. Turns',
        max: 10,
        groups: groups((c) => c.turns, paper ? m3Formats.map((f) => paper.turns[f]) : undefined),
      },
    ],
  };
}
