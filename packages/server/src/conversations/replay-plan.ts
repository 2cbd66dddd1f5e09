import type { Trajectory } from '@codeact/core';

/** A code action of an earlier run, named by run id and step index. */
export type StepRef = { readonly runId: string; readonly step: number };

export type ReplayStep = StepRef & {
  readonly code: string;
  /** The exception the action raised originally; re-running it must raise the same one. */
  readonly expectedError?: string;
};

/** What to re-run to rebuild a conversation's interpreter, and where that has to stop. */
export type ReplayPlan = {
  /** Code actions since the interpreter last started, in order, up to the first unsafe one. */
  readonly steps: readonly ReplayStep[];
  /** The first action that must not be re-run, and why; state from it on is lost. */
  readonly blocked?: StepRef & { readonly reason: string };
};

const sideEffects: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /\bopen\s*\([^)]*['"][rwxb+t]*a[rwxb+t]*['"]/, reason: 'appends to a file' },
  { pattern: /\bmode\s*=\s*['"][rwxb+t]*a[rwxb+t]*['"]/, reason: 'appends to a file' },
  {
    pattern:
      /\b(?:os\s*\.\s*(?:remove|unlink|rmdir|removedirs|rename|renames|replace|truncate)|shutil\s*\.\s*(?:rmtree|move))\b|\.\s*(?:unlink|rmdir)\s*\(/,
    reason: 'deletes or moves files',
  },
  {
    pattern: /\b(?:subprocess|pty)\b|\bos\s*\.\s*(?:system|popen|exec\w*|spawn\w*|kill\w*|fork)\b/,
    reason: 'starts or signals processes',
  },
  {
    pattern: /\b(?:requests|urllib|urllib3|httpx|aiohttp|socket|smtplib|ftplib|http\s*\.\s*client|webbrowser)\b/,
    reason: 'uses the network',
  },
];

/** Why re-running `code` could repeat a side effect, or `undefined` when it looks safe to repeat. */
export function findSideEffect(code: string, toolNames: readonly string[] = []): string | undefined {
  for (const { pattern, reason } of sideEffects) if (pattern.test(code)) return reason;
  for (const name of toolNames) {
    if (new RegExp(`\\b${name.replaceAll('.', '\\.')}\\s*\\(`).test(code)) return `calls the tool ${name}`;
  }
  return undefined;
}

export type PlanReplayOptions = {
  readonly toolNames?: readonly string[];
  /** Most actions re-run; past that the state is reported lost. Default 100. */
  readonly maxSteps?: number;
};

/**
 * Plans how to rebuild a conversation's interpreter after a restart: re-run its code actions, oldest
 * first, starting after the last time the interpreter lost its state, and stop at the first one whose
 * repetition could repeat a side effect (appending or deleting files, processes, network, tools) or
 * whose outcome is unknown (it timed out). Actions that raised are re-run too and must raise the same
 * exception: what they did before raising (a variable assigned on an earlier line) is part of the
 * state later actions use, as in a self-debugging turn. Writing a file is repeated: the work dir keeps
 * its files, so the result is the same.
 */
export function planReplay(trajectories: readonly Trajectory[], options: PlanReplayOptions = {}): ReplayPlan {
  type Candidate = ReplayStep | (StepRef & { readonly blockedBy: string });
  let candidates: Candidate[] = [];
  for (const trajectory of trajectories) {
    for (const step of trajectory.steps) {
      const execution = step.execution;
      if (step.action.type !== 'code' || !execution) continue;
      const ref = { runId: trajectory.id, step: step.index };
      if (execution.stateLost) {
        candidates = [];
        if (execution.error || execution.timedOut) continue;
      }
      if (execution.timedOut) {
        candidates.push({ ...ref, blockedBy: 'timed out, leaving an unknown state' });
        continue;
      }
      candidates.push({
        ...ref,
        code: step.action.code,
        ...(execution.error ? { expectedError: execution.error.name } : {}),
      });
    }
  }
  const maxSteps = options.maxSteps ?? 100;
  const steps: ReplayStep[] = [];
  for (const candidate of candidates) {
    const ref = { runId: candidate.runId, step: candidate.step };
    if ('blockedBy' in candidate) return { steps, blocked: { ...ref, reason: candidate.blockedBy } };
    const reason = findSideEffect(candidate.code, options.toolNames);
    if (reason) return { steps, blocked: { ...ref, reason } };
    if (steps.length === maxSteps)
      return { steps, blocked: { ...ref, reason: `is past the ${maxSteps} actions re-run at most` } };
    steps.push(candidate);
  }
  return { steps };
}
