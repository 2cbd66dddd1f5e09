import type { Trajectory } from '@codeact/core';

/** A code action of an earlier run, named by run id and step index. */
export type StepRef = { readonly runId: string; readonly step: number };

export type ReplayStep = StepRef & { readonly code: string };

/** What to re-run to rebuild a conversation's interpreter, and where that has to stop. */
export type ReplayPlan = {
  /** Successful code actions since the interpreter last started, in order, up to the first unsafe one. */
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
    if (new RegExp(`\\b${name}\\s*\\(`).test(code)) return `calls the tool ${name}`;
  }
  return undefined;
}

export type PlanReplayOptions = {
  readonly toolNames?: readonly string[];
  /** Most actions re-run; past that the state is reported lost. Default 100. */
  readonly maxSteps?: number;
};

/**
 * Plans how to rebuild a conversation's interpreter after a restart: re-run its successful code
 * actions, oldest first, starting after the last time the interpreter lost its state, and stop at
 * the first one whose repetition could repeat a side effect (appending or deleting files, processes,
 * network, tools). Writing a file is repeated: the work dir keeps its files, so the result is the same.
 */
export function planReplay(trajectories: readonly Trajectory[], options: PlanReplayOptions = {}): ReplayPlan {
  let candidates: ReplayStep[] = [];
  for (const trajectory of trajectories) {
    for (const step of trajectory.steps) {
      const execution = step.execution;
      if (step.action.type !== 'code' || !execution) continue;
      if (execution.stateLost) candidates = [];
      if (execution.error || execution.timedOut) continue;
      candidates.push({ runId: trajectory.id, step: step.index, code: step.action.code });
    }
  }
  const maxSteps = options.maxSteps ?? 100;
  const steps: ReplayStep[] = [];
  for (const candidate of candidates) {
    const reason = findSideEffect(candidate.code, options.toolNames);
    if (reason) return { steps, blocked: { runId: candidate.runId, step: candidate.step, reason } };
    if (steps.length === maxSteps) {
      return {
        steps,
        blocked: { runId: candidate.runId, step: candidate.step, reason: `more than ${maxSteps} actions to re-run` },
      };
    }
    steps.push(candidate);
  }
  return { steps };
}
