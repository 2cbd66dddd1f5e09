import { formatMs, type PyodidePaths } from './bench-results.js';
import type { PyodidePathFigures } from './measure-pyodide-paths.js';

const mb = (value: number) => value.toFixed(1);

function row(name: string, pick: (figures: PyodidePathFigures) => string, paths: PyodidePaths): string {
  return `| ${name} | ${pick(paths.lean)} | ${pick(paths.full)} |`;
}

/** The `### Pyodide: lean children, snapshot cache, first exec` part of the Executors section. */
export function renderPyodidePaths(paths: PyodidePaths): string[] {
  const { bare, cli } = paths;
  return [
    '### Pyodide: lean children, snapshot cache, first exec',
    '',
    `Both columns measured in this run, one after the other, each with a pool of one filled from the snapshot cache (\`lean: false\` turns the lean child off: no V8 flags, full snapshot restore, boot buffers kept until a later GC). Memory: ${paths.lean.sessions} idle sessions opened, each after \`x = 1\`, with the pool refilled; the process tree's PSS/RSS difference divided by ${paths.lean.sessions}. CPU cell: \`sum(i*i for i in range(300000))\` and a \`json.dumps\`, median of 10 after 3 warm-up runs.`,
    '',
    '| Metric | lean (default) | full (`lean: false`) |',
    '|---|---|---|',
    row(
      'memory per idle session, MB RSS / PSS (whole process tree)',
      (f) => `${mb(f.rssPerSessionMb)} / ${mb(f.pssPerSessionMb)}`,
      paths,
    ),
    row(
      'executor ready, snapshot cached (`createPyodideExecutor` + pool of one), ms',
      (f) => formatMs(f.readyMs),
      paths,
    ),
    row(
      '`createSession` from the pool at rest, ms median / max',
      (f) => `${formatMs(f.start.median)} / ${formatMs(f.start.max)}`,
      paths,
    ),
    row('CPU-bound cell, ms median / max', (f) => `${formatMs(f.cpuCell.median)} / ${formatMs(f.cpuCell.max)}`, paths),
    '',
    'The lean column is the default; its CPU cost comes from compiling the WebAssembly without dynamic tiering (no feedback-driven inlining), the flag that saves the most memory after the snapshot and boot-buffer fixes.',
    '',
    `Floor, same run: one Pyodide instance on the main thread of a bare Node process (no worker, runner or confinement, after a full GC) uses ${mb(bare.rssMb)} MB RSS / ${mb(bare.pssMb)} MB PSS; Node alone ${mb(bare.nodeAlonePssMb)} MB PSS.`,
    '',
    `**First \`codeact exec -i pyodide -\`** (\`print(1)\` on stdin; a real CLI process, wall time until it exits): with an empty snapshot cache ${formatMs(cli.coldMs)} ms (a cold boot that also makes and stores the snapshot); with the cache it left, median ${formatMs(cli.warm.median)} ms (max ${formatMs(cli.warm.max)}, n = ${cli.warm.n}). \`codeact exec -i python -\`, interleaved, for the CLI's own cost: median ${formatMs(cli.python.median)} ms.`,
    '',
  ];
}
