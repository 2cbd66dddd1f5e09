import type { ReportContext, SummaryEntry } from './benchmark-suite.js';
import { percent, summarizeByFormat } from './summarize.js';
import type { ChartSpec } from './svg-chart.js';

function byFormat(context: ReportContext): Record<string, SummaryEntry> {
  return summarizeByFormat(context.results, context.formats);
}

/** A success-rate / average-turns table per format, then one row per task. */
export function defaultReport(context: ReportContext): string {
  const summary = byFormat(context);
  const lines = [
    `# ${context.suite}: ${context.model}`,
    '',
    context.complete
      ? ''
      : '**Incomplete run**: some episodes have not finished yet; rerun with the same output directory to resume.\n',
    '| Format | Success | Success rate (%) | Avg. turns |',
    '|---|---|---|---|',
    ...context.formats.map((format) => {
      const entry = summary[format] ?? { success: 0, total: 0, avgTurns: 0 };
      return `| ${format} | ${entry.success}/${entry.total} | ${percent(entry.success, entry.total)} | ${entry.avgTurns.toFixed(1)} |`;
    }),
    '',
  ];
  return `${lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n')}\n`;
}

/** Success rate and average turns per format, one group (this run). */
export function defaultChart(context: ReportContext): ChartSpec {
  const summary = byFormat(context);
  const entries = context.formats.map((format) => summary[format] ?? { success: 0, total: 0, avgTurns: 0 });
  return {
    title: `${context.suite}: ${context.modelId}`,
    series: [...context.formats],
    panels: [
      {
        title: 'Success rate (%)',
        max: 100,
        groups: [{ label: context.modelId, values: entries.map((e) => (e.total ? (e.success / e.total) * 100 : 0)) }],
      },
      { title: 'Average turns', groups: [{ label: context.modelId, values: entries.map((e) => e.avgTurns) }] },
    ],
  };
}
