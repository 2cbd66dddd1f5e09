import type { MachineFacts } from './machine-facts.js';
import type { ExecutorFigures } from './measure-executor.js';
import type { Floors } from './measure-floors.js';
import type { JupyterFigures } from './measure-jupyter.js';
import type { PreloadFigures } from './measure-preload.js';
import type { BarePyodideFigures, CliExecFigures, PyodidePathFigures } from './measure-pyodide-paths.js';

/** Pyodide's lean children against the full ones, its floor, and the CLI's first exec. */
export type PyodidePaths = {
  readonly lean: PyodidePathFigures;
  readonly full: PyodidePathFigures;
  readonly bare: BarePyodideFigures;
  readonly cli: CliExecFigures;
};

export type BenchResults = {
  readonly facts: MachineFacts;
  readonly loadAfter: string;
  readonly python: ExecutorFigures & { readonly floors: Floors };
  readonly pyodide: ExecutorFigures | { readonly missing: string };
  readonly jupyter: JupyterFigures;
  /** The `jupyter:` executor against a temporary Jupyter Server (remote kernels; no local sandbox). */
  readonly jupyterExecutor?: ExecutorFigures | { readonly missing: string } | undefined;
  /** Plain python beside a preloaded warm pool (start and first pandas + matplotlib action). */
  readonly preload?: PreloadFigures | undefined;
  readonly pyodidePaths?: PyodidePaths | undefined;
};

export function isFigures(value: BenchResults['pyodide']): value is ExecutorFigures {
  return !('missing' in value);
}

/** Milliseconds with a precision that suits the magnitude. */
export function formatMs(value: number): string {
  if (value < 1) return value.toFixed(3);
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}
