import type { EpisodeResult, ReportContext } from '../../harness/benchmark-suite.js';
import type { ChartSpec } from '../../harness/svg-chart.js';
import { apiBankInstances, type Ceilings, computeCeilings } from './api-bank-ceiling.js';
import { type ApiBankInstance, loadApiBankData } from './api-bank-data.js';
import { findApiBankPaperRow } from './api-bank-paper-results.js';
import { type ApiBankFormat, actionModeOf, apiBankFormats } from './run-api-bank-episode.js';

const formatLabels: Readonly<Record<ApiBankFormat, string>> = { code: 'CodeAct', json: 'JSON', text: 'Text' };

/** `75.44 (301/399)`: the notebook's two decimals and the count behind them. */
function cell(correct: number, total: number, showTotal = true): string {
  if (total === 0) return '–';
  return `${((correct / total) * 100).toFixed(2)} (${showTotal ? `${correct}/${total}` : correct})`;
}

function resultsOf(context: ReportContext, format: ApiBankFormat): readonly EpisodeResult[] {
  return context.formats.includes(format) ? context.results.filter((result) => result.format === format) : [];
}

/** Bold for the best of a row's formats, as the paper marks them. */
function row(label: string, values: readonly (number | undefined)[], render: (value: number, index: number) => string) {
  const best = Math.max(...values.filter((value): value is number => value !== undefined));
  const cells = values.map((value, index) => {
    if (value === undefined) return '–';
    const text = render(value, index);
    return value === best && values.filter((other) => other === best).length === 1 ? `**${text}**` : text;
  });
  return `| ${label} | ${cells.join(' | ')} |`;
}

/** What a perfect answer cannot win, from the ceiling replay: losses in every format and per-format differences. */
function ceilingNote(ceilings: Ceilings, instances: readonly ApiBankInstance[]): string {
  const winners = (id: string) => apiBankFormats.filter((format) => ceilings[actionModeOf[format]].correct.has(id));
  const lostEverywhere = instances.filter((instance) => winners(instance.instanceId).length === 0);
  const needLive = lostEverywhere.filter((instance) => ['Dictionary', 'Translate'].includes(instance.apiName)).length;
  const parts = [
    `A perfect answer loses ${lostEverywhere.length} instances in every format (${needLive} of them call live web services, which are off)`,
  ];
  for (const format of apiBankFormats) {
    const only = instances.filter((instance) => winners(instance.instanceId).join() === format).length;
    const lost = instances.filter((instance) => {
      const formats = winners(instance.instanceId);
      return formats.length === apiBankFormats.length - 1 && !formats.includes(format);
    }).length;
    if (only > 0) parts.push(`${only} can be won only in ${formatLabels[format]}`);
    if (lost > 0) parts.push(`${lost} are lost only in ${formatLabels[format]}`);
  }
  return `${parts.join('; ')}.`;
}

const stages = [
  'correct',
  'no-call',
  'unparseable',
  'name-mismatch',
  'call-error',
  'checker-error',
  'checked',
] as const;
const stageLabels: Readonly<Record<(typeof stages)[number], string>> = {
  correct: 'correct',
  'no-call': 'no `[...]` call in the reply',
  unparseable: 'call not parseable in the format',
  'name-mismatch': 'wrong API',
  'call-error': 'call raised (bad argument name or type, missing argument)',
  'checker-error': 'checker raised',
  checked: 'checked, wrong arguments or result',
};

/**
 * Table 2 of the paper for this run: correct API calls per format, with the paper's row for the same
 * model and the offline ceiling of the protocol (a perfect answer in each format), then where the
 * calls were lost and the split by source file.
 */
export function renderApiBankReport(context: ReportContext): string {
  const fixed = context.suiteOptions.fixed === true;
  const data = loadApiBankData();
  const ceilings = computeCeilings(data, fixed ? 'fixed' : 'faithful');
  const paper = findApiBankPaperRow(context.modelId);
  const ours = apiBankFormats.map((format) => {
    const results = resultsOf(context, format);
    return results.length === 0
      ? undefined
      : { correct: results.filter((r) => r.success).length, total: results.length };
  });
  const lines: string[] = [
    `# API-Bank level-1: ${context.modelId}`,
    '',
    fixed
      ? 'Mode: **fixed** (the evaluator bugs repaired: list arguments, `[Action: GetToday]`, quoted values, unwinnable ground truths, state within a dialogue; duplicates dropped). Not comparable with the paper.'
      : 'Mode: **faithful** (the CodeAct evaluator, bugs and the 10 duplicate instances included; comparable with the paper).',
    '',
  ];
  if (!context.complete) lines.push('**Incomplete run**: rerun with the same output directory to finish it.', '');
  lines.push(
    'Table 2 layout: atomic API-call correctness (%), correct calls in brackets.',
    '',
    `| Model | ${apiBankFormats.map((format) => formatLabels[format]).join(' | ')} |`,
    '|---|---|---|---|',
    row(
      `${context.modelId} (this run${fixed ? ', fixed' : ''})`,
      ours.map((entry) => (entry ? entry.correct / entry.total : undefined)),
      (_, index) => {
        const entry = ours[index];
        return entry ? cell(entry.correct, entry.total) : '–';
      },
    ),
  );
  if (paper && !fixed) {
    const counts = apiBankFormats.map((format) => paper.correct[format]);
    lines.push(row(`${paper.model} (paper)`, counts, (value) => cell(value, 399, false)));
  }
  const ceilingCounts = apiBankFormats.map((format) => ceilings[actionModeOf[format]].correct.size);
  const total = ceilings.code_as_action.total;
  lines.push(
    row('Perfect answer (offline ceiling)', ceilingCounts, (value) => cell(value, total, false)),
    '',
    ceilingNote(ceilings, apiBankInstances(data, fixed ? 'fixed' : 'faithful')),
    '',
    '## Where the calls were lost',
    '',
    `| Outcome | ${apiBankFormats.map((format) => formatLabels[format]).join(' | ')} |`,
    '|---|---|---|---|',
  );
  for (const stage of stages) {
    const counts = apiBankFormats.map((format) => {
      const results = resultsOf(context, format);
      if (results.length === 0) return '–';
      const count = results.filter((r) => (stage === 'correct' ? r.success : !r.success && r.extra?.stage === stage));
      return String(count.length);
    });
    lines.push(`| ${stageLabels[stage]} | ${counts.join(' | ')} |`);
  }
  lines.push(
    '',
    '## By source file',
    '',
    `| Files | ${apiBankFormats.map((format) => formatLabels[format]).join(' | ')} |`,
    '|---|---|---|---|',
  );
  for (const level of ['level-1', 'level-2']) {
    const counts = apiBankFormats.map((format) => {
      const results = resultsOf(context, format).filter((r) => r.extra?.fileLevel === level);
      return results.length === 0 ? '–' : `${results.filter((r) => r.success).length}/${results.length}`;
    });
    lines.push(`| named \`-${level}-\` | ${counts.join(' | ')} |`);
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

/** Table 2 as grouped bars: this run, the paper's row for the model, and the protocol's ceiling. */
export function apiBankChart(context: ReportContext): ChartSpec {
  const fixed = context.suiteOptions.fixed === true;
  const ceilings = computeCeilings(loadApiBankData(), fixed ? 'fixed' : 'faithful');
  const paper = fixed ? undefined : findApiBankPaperRow(context.modelId);
  const rate = (correct: number, total: number) => (total === 0 ? undefined : (correct / total) * 100);
  const ours = apiBankFormats.map((format) => {
    const results = resultsOf(context, format);
    return results.length === 0 ? undefined : rate(results.filter((r) => r.success).length, results.length);
  });
  return {
    title: `API-Bank level-1: ${context.modelId}${fixed ? ' (fixed)' : ''}`,
    series: apiBankFormats.map((format) => formatLabels[format]),
    panels: [
      {
        title: 'Correct API calls (%)',
        max: 100,
        groups: [
          { label: `this run${fixed ? ', fixed' : ''}`, values: ours },
          ...(paper
            ? [{ label: 'paper', values: apiBankFormats.map((format) => rate(paper.correct[format], 399)) }]
            : []),
          {
            label: 'ceiling (perfect answer)',
            values: apiBankFormats.map((format) => {
              const ceiling = ceilings[actionModeOf[format]];
              return rate(ceiling.correct.size, ceiling.total);
            }),
          },
        ],
      },
    ],
  };
}
