import { type BenchResults, formatMs, isFigures } from './bench-results.js';
import { checkTargets } from './check-targets.js';
import type { ExecutorFigures } from './measure-executor.js';
import type { JupyterFigures } from './measure-jupyter.js';
import { renderPreloadTable } from './measure-preload.js';
import { renderPyodidePaths } from './render-pyodide-paths.js';
import type { Summary } from './stats.js';

const cell = (summary: Summary | undefined) =>
  summary ? `${formatMs(summary.median)} / ${formatMs(summary.p99)}` : '—';
const count = (summary: Summary) => summary.n.toLocaleString('en-US');

function executorRows(
  python: ExecutorFigures,
  pyodide: ExecutorFigures | undefined,
  jupyter: JupyterFigures,
  remote: ExecutorFigures | undefined,
  remoteMetrics: ReadonlySet<string> = new Set(['start', 'trivial', 'toolCall', 'toolBridge', 'interrupt']),
): string[] {
  const kernel = jupyter.available ? jupyter : undefined;
  const remoteCell = (key: keyof ExecutorFigures, pick: (figures: ExecutorFigures) => Summary) =>
    remote && remoteMetrics.has(key) ? cell(pick(remote)) : '—';
  const rowOf =
    (key: keyof ExecutorFigures) =>
    (name: string, pick: (figures: ExecutorFigures) => Summary, jupyterCell = '—') =>
      `| ${name} | ${cell(pick(python))} | ${pyodide ? cell(pick(pyodide)) : '—'} | ${remoteCell(key, pick)} | ${jupyterCell} |`;
  const memory = (figures: ExecutorFigures | undefined) =>
    figures ? `${figures.rssPerSessionMb.toFixed(1)} / ${figures.pssPerSessionMb.toFixed(1)}` : '—';
  return [
    `| Metric (ms, median / p99) | python | pyodide | jupyter: (Jupyter Server on 127.0.0.1) | Jupyter (ipykernel${kernel ? ` ${kernel.version}` : ''}, jupyter_client) |`,
    '|---|---|---|---|---|',
    `| executor ready (pyodide: cold boot, snapshot, pool fill) | ${formatMs(python.createExecutorMs)} | ${pyodide ? formatMs(pyodide.createExecutorMs) : '—'} | ${remote ? formatMs(remote.createExecutorMs) : '—'} | — |`,
    rowOf('start')(
      'start until ready (`createSession`; pyodide from the warm pool at rest)',
      (f) => f.start,
      kernel ? cell(kernel.start) : '—',
    ),
    rowOf('trivial')('trivial action `x = 1`', (f) => f.trivial, kernel ? cell(kernel.trivial) : '—'),
    rowOf('toolCall')('tool call Python → TS → Python, through core `createToolHost`', (f) => f.toolCall),
    rowOf('toolBridge')('tool call, executor bridge only (bare ToolHost)', (f) => f.toolBridge),
    rowOf('interrupt')('interrupt `while True: pass`, time past the deadline', (f) => f.interrupt),
    rowOf('runaway')('runaway `sum(range(10**12))`, time past the deadline (50 ms grace, then kill)', (f) => f.runaway),
    rowOf('respawn')('kill-and-respawn: from the kill until a fresh interpreter ran `pass`', (f) => f.respawn),
    `| memory per idle session, MB RSS / PSS (whole process tree) | ${memory(python)} | ${memory(pyodide)} | — | — |`,
  ];
}

/** The `## Executors` section of docs/performance.md. */
export function renderBenchReport(results: BenchResults): string {
  const { facts, python } = results;
  const { floors } = python;
  const pyodide = isFigures(results.pyodide) ? results.pyodide : undefined;
  const pyodideLine = isFigures(results.pyodide) ? results.pyodide.description : results.pyodide.missing;
  const jupyterNote = results.jupyter.available
    ? 'Jupyter figures come from Python `jupyter_client` (`start_new_kernel`; `execute_interactive` waits for the reply and for idle), which the executors guide found as fast as a Node zeromq client.'
    : `Jupyter: ${results.jupyter.note}.`;
  const lines = [
    '## Executors',
    '',
    `Measured by \`npm run bench:executors\` on ${facts.date} UTC; every figure below comes from that one run. Machine: ${facts.cpu}, ${facts.cores} cores, ${facts.memoryGiB} GiB RAM, ${facts.os}, Linux ${facts.kernel}, Node ${facts.node}, ${facts.bwrap}. CPU ${(facts.idleBefore * 100).toFixed(0)}% idle at the start; load average before / after: ${facts.loadAverage} / ${results.loadAfter}. The machine is shared, so single figures move by up to 2×; the targets are ratios to floors sampled interleaved with the python measurements.`,
    '',
    `- python: ${python.description}`,
    `- pyodide: ${pyodideLine}`,
    `- Samples (python): start ${count(python.start)}, trivial action ${count(python.trivial)}, tool call ${count(python.toolCall)}, interrupt ${count(python.interrupt)}, runaway ${count(python.runaway)}. Median and p99 are nearest-rank.`,
    '',
    '### Floors (sampled between the python measurements)',
    '',
    '| Floor | median | p99 | n |',
    '|---|---|---|---|',
    `| spawn \`/usr/bin/python3 -c pass\` until exit | ${formatMs(floors.pythonPass.median)} | ${formatMs(floors.pythonPass.p99)} | ${count(floors.pythonPass)} |`,
    `| Node ↔ Python pipe echo RTT (one line) | ${formatMs(floors.pipeEcho.median)} | ${formatMs(floors.pipeEcho.p99)} | ${count(floors.pipeEcho)} |`,
    '',
    '### Per interpreter',
    '',
    ...executorRows(
      python,
      pyodide,
      results.jupyter,
      results.jupyterExecutor && isFigures(results.jupyterExecutor) ? results.jupyterExecutor : undefined,
    ),
    '',
    jupyterNote,
    '',
    results.jupyterExecutor && isFigures(results.jupyterExecutor)
      ? `jupyter: is codeact's \`--interpreter jupyter:URL\` executor (\`@jupyterlab/services\` over REST + WebSocket) against a temporary Debian \`jupyter-server\` on 127.0.0.1: every action is a WebSocket round trip, every tool call an \`input_request\`/\`input_reply\` pair; it restarts a kernel that ignores an interrupt after 3 s, so runaway and respawn are not timed here. ${results.jupyterExecutor.description}.`
      : `jupyter:: ${results.jupyterExecutor ? results.jupyterExecutor.missing : 'not measured'}.`,
    '',
    'Pyodide sessions are timed from a warm pool at rest: its interpreter booted at least 250 ms earlier. Its "executor ready" is a cold boot that makes the snapshot (an empty snapshot cache); with the snapshot cached, see below.',
    '',
    ...(results.preload ? [...renderPreloadTable(results.preload), ''] : []),
    ...(results.pyodidePaths ? renderPyodidePaths(results.pyodidePaths) : []),
    '### Targets',
    '',
    '| Target | Measured | Result |',
    '|---|---|---|',
    ...checkTargets(results).map((check) => {
      const verdict = check.pass === undefined ? 'n/a' : check.pass ? 'pass' : '**FAIL**';
      return `| ${check.target} | ${check.measured} | ${verdict} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
