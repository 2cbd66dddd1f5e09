import { observationOfMintMessage } from '../protocol/format-mint-observation.js';
import type { MintStep } from '../protocol/run-mint-episode.js';
import { pyStrip } from '../python/python-string.js';
import type { RecordedTurnLike } from './recording-source.js';

/**
 * `identical`: byte-identical. `same-error`: the same printed output and the same exception (class,
 * and message up to file paths; only the class when the recorded traceback was cut at 2000
 * characters): the traceback frames differ (IPython's `Cell In[n]` frames vs ours). `equivalent`:
 * the same text up to file paths and line breaks (IPython pretty-prints long values over several
 * lines). `different`: anything else.
 */
export type FidelityVerdict = 'identical' | 'same-error' | 'equivalent' | 'different';

/** Why a code action was not compared. */
export type FidelitySkip = 'tool' | 'timeout' | 'nondeterministic' | 'not-recorded';

export type FidelityComparison = {
  readonly turn: number;
  readonly code: string;
  readonly recorded: string;
  readonly ours: string;
  readonly kind: DifferenceKind;
};

export type EpisodeFidelity = {
  readonly compared: number;
  /** Compared actions that were not `different`. */
  readonly matched: number;
  readonly identical: number;
  readonly skipped: Readonly<Partial<Record<FidelitySkip, number>>>;
  /** The comparisons that did not match. */
  readonly differences: readonly FidelityComparison[];
};

const nondeterministic =
  /\b(?:random|randint|shuffle|time\.time|perf_counter|datetime\.now|date\.today|uuid|urandom|secrets|id\()/;

/** Replaces installation paths, which differ between the recording's machine and ours. */
export function normalizePaths(text: string): string {
  return text
    .replace(/(?:\/[\w.+-]+)+\/(?:dist|site)-packages\//g, '<site-packages>/')
    .replace(/(?:\/[\w.+-]+)*\/lib\/python3(?:\.\d+)?\//g, '<stdlib>/');
}

type Parts = { readonly output: string; readonly error: string | undefined; readonly errorClass: string | undefined };

/** The first line of an exception report: `Name` or `module.Name: message` at the start of a line. */
const exceptionStart = /^(?:[A-Za-z_]\w*\.)*([A-Z]\w*)(?::.*)?$/;

function parts(observation: string, start: RegExpExecArray | null, headerClass?: string): Parts {
  if (!start) return { output: pyStrip(observation), error: undefined, errorClass: undefined };
  const lines = observation.slice(start.index).trimEnd().split('\n');
  let index = lines.length - 1;
  while (index >= 0 && !exceptionStart.test(lines[index] as string)) index--;
  // The message may span lines after the `Name: ` line; module prefixes and paths are dropped.
  const error =
    index < 0
      ? undefined
      : normalizePaths(
          lines
            .slice(index)
            .join('\n')
            .replace(/^(?:[A-Za-z_]\w*\.)+(?=[A-Z]\w*(?::|$))/, ''),
        );
  const errorClass = headerClass ?? (index < 0 ? undefined : exceptionStart.exec(lines[index] as string)?.[1]);
  return { output: pyStrip(observation.slice(0, start.index)), error, errorClass };
}

/** IPython: a rule of dashes then `<Class>   Traceback (most recent call last)`, or `Cell In[n], line m` for syntax errors. */
function recordedParts(observation: string): Parts {
  const header = /^-{75}\n(\w+) +Traceback \(most recent call last\)$/m.exec(observation);
  if (header) return parts(observation, header, header[1]);
  return parts(observation, /^\s*Cell In\[\d+\], line \d+$/m.exec(observation));
}

/** Ours: Python's `Traceback (most recent call last):`, or `File "<cell n>", line m` for syntax errors. */
function ourParts(observation: string): Parts {
  return parts(
    observation,
    /^Traceback \(most recent call last\):$|^\s*File "<cell \d+>", line \d+$/m.exec(observation),
  );
}

const collapse = (text: string) => normalizePaths(text).replace(/\s+/g, ' ').trim();
const truncationMarker = '...\n[Output Truncated]';
const withoutMarker = (text: string) =>
  text.endsWith(truncationMarker) ? text.slice(0, -truncationMarker.length) : text;
/** `AssertionError:` (IPython) and `AssertionError` (Python) are the same line. */
const sameError = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.replace(/:\s*$/m, '') === b.replace(/:\s*$/m, '');
const tokens = (text: string) =>
  collapse(text)
    .split(/[\s,{}()[\]]+/)
    .filter(Boolean)
    .sort()
    .join(' ');

/** Compares one code action's observation with the recorded one. */
export function compareObservation(recorded: string, ours: string): FidelityVerdict {
  if (recorded === ours) return 'identical';
  const a = recordedParts(recorded);
  const b = ourParts(ours);
  const recordedCut = recorded.endsWith(truncationMarker);
  const oursCut = ours.endsWith(truncationMarker);
  if (a.errorClass !== undefined && a.errorClass === b.errorClass && a.output === b.output) {
    if (sameError(a.error, b.error) || recordedCut) return 'same-error';
  }
  const x = collapse(withoutMarker(recorded));
  const y = collapse(withoutMarker(ours));
  if (x === y) return 'equivalent';
  if ((recordedCut && y.startsWith(x)) || (oursCut && x.startsWith(y))) return 'equivalent';
  return 'different';
}

/** What kind of difference a `different` comparison is, for reports. */
export type DifferenceKind = 'error-message' | 'other-error' | 'error-vs-output' | 'order' | 'output';

export function classifyDifference(recorded: string, ours: string): DifferenceKind {
  const a = recordedParts(recorded);
  const b = ourParts(ours);
  if (a.errorClass !== undefined && b.errorClass !== undefined) {
    return a.errorClass === b.errorClass ? 'error-message' : 'other-error';
  }
  if ((a.errorClass === undefined) !== (b.errorClass === undefined)) return 'error-vs-output';
  return tokens(recorded) === tokens(ours) ? 'order' : 'output';
}

/**
 * Observation fidelity of one replayed episode: every code action whose recorded output is
 * deterministic (no tool we cannot reach, no timeout, no randomness or clock) is compared with what
 * our interpreter printed.
 */
export function measureObservationFidelity(
  steps: readonly MintStep[],
  recorded: readonly RecordedTurnLike[],
): EpisodeFidelity {
  let compared = 0;
  let identical = 0;
  let matched = 0;
  const skipped: Partial<Record<FidelitySkip, number>> = {};
  const differences: FidelityComparison[] = [];
  const skip = (reason: FidelitySkip) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  // Randomness or the clock in one cell makes the state of every later cell nondeterministic too;
  // so does a cell stopped by the time limit (on either side), which leaves its work half done.
  let tainted = false;
  let timedOut = false;
  for (const step of steps) {
    if (step.parsed.kind !== 'code' || step.observation === undefined) continue;
    tainted ||= nondeterministic.test(step.parsed.code);
    const message = recorded[step.turn]?.observation;
    const expected = message === undefined ? undefined : observationOfMintMessage(message);
    timedOut ||= step.execution?.timedOut === true || /TimeoutError: Timed out/.test(expected ?? '');
    if (expected === undefined) skip('not-recorded');
    else if (step.observationSource !== 'interpreter' || /\bwikipedia_search\b/.test(step.parsed.code)) skip('tool');
    else if (timedOut) skip('timeout');
    else if (tainted) skip('nondeterministic');
    else {
      compared += 1;
      const verdict = compareObservation(expected, step.observation);
      if (verdict === 'identical') identical += 1;
      if (verdict !== 'different') matched += 1;
      else {
        const kind = classifyDifference(expected, step.observation);
        differences.push({ turn: step.turn, code: step.parsed.code, recorded: expected, ours: step.observation, kind });
      }
    }
  }
  return { compared, matched, identical, skipped, differences };
}
