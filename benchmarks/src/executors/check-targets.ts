import { type BenchResults, formatMs, isFigures } from './bench-results.js';

export type TargetCheck = { readonly target: string; readonly measured: string; readonly pass: boolean | undefined };

const times = (value: number) => `${value.toFixed(2)}×`;

function atMost(target: string, value: number, floor: number, limit: number): TargetCheck {
  return { target, measured: times(value / floor), pass: value <= limit * floor };
}

function withinMs(target: string, median: number, max: number, limit: number): TargetCheck {
  return { target, measured: `${formatMs(median)} ms (max ${formatMs(max)})`, pass: median <= limit };
}

/** The executors issue's targets: ratios to floors sampled in the same run, or absolute bounds. Medians decide. */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const { python, jupyter } = results;
  const echo = python.floors.pipeEcho.median;
  const pass = python.floors.pythonPass.median;
  const checks: TargetCheck[] = [
    atMost('python trivial action ≤ 5× pipe echo', python.trivial.median, echo, 5),
    atMost('python start ≤ 2.5× `python3 -c pass`', python.start.median, pass, 2.5),
    atMost('python tool call, executor bridge ≤ 5× pipe echo', python.toolBridge.median, echo, 5),
    atMost('python tool call through core `createToolHost` ≤ 5× pipe echo', python.toolCall.median, echo, 5),
    atMost('python kill-and-respawn ≤ 3× `python3 -c pass`', python.respawn.median, pass, 3),
    withinMs(
      'python runaway C loop stopped ≤ 100 ms after its deadline',
      python.runaway.median,
      python.runaway.max,
      100,
    ),
    withinMs(
      'python pure-Python interrupt ≤ 5 ms (executors guide §6)',
      python.interrupt.median,
      python.interrupt.max,
      5,
    ),
  ];
  const jupyterTarget = 'python trivial action ≥ 20× faster than Jupyter';
  if (jupyter.available) {
    const speedup = jupyter.trivial.median / python.trivial.median;
    checks.push({ target: jupyterTarget, measured: times(speedup), pass: speedup >= 20 });
  } else {
    checks.push({ target: jupyterTarget, measured: jupyter.note, pass: undefined });
  }
  const pyodide = results.pyodide;
  if (!isFigures(pyodide))
    return [...checks, { target: 'pyodide targets', measured: pyodide.missing, pass: undefined }];
  const paths = results.pyodidePaths;
  const pathChecks: TargetCheck[] = paths
    ? [
        {
          target: 'pyodide idle session ≤ 80 MB PSS (lean children)',
          measured: `${paths.lean.pssPerSessionMb.toFixed(1)} MB (full children: ${paths.full.pssPerSessionMb.toFixed(1)} MB)`,
          pass: paths.lean.pssPerSessionMb <= 80,
        },
        withinMs(
          'first `codeact exec -i pyodide` with the snapshot cached ≤ 1.5 s',
          paths.cli.warm.median,
          paths.cli.warm.max,
          1500,
        ),
      ]
    : [];
  return [
    ...checks,
    ...pathChecks,
    withinMs('pyodide trivial action ≤ 0.5 ms', pyodide.trivial.median, pyodide.trivial.max, 0.5),
    withinMs('pyodide session from the warm pool ≤ 50 ms', pyodide.start.median, pyodide.start.max, 50),
    withinMs(
      'pyodide runaway C loop stopped ≤ 100 ms after its deadline',
      pyodide.runaway.median,
      pyodide.runaway.max,
      100,
    ),
  ];
}
