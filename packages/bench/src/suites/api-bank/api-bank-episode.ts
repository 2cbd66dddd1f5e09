import { type PyDict, pyClone, pyEquals, pyStr, pythonStr } from '@codeact/mint';
import type { ActionMode, ApiBankData, ApiBankInstance } from './api-bank-data.js';
import { apiDefinitions } from './apis/api-registry.js';
import { fixedCheckers, repairDatabase, repairInstance, replayHistory } from './fixed-mode.js';
import { extractApiCall, type ParsedApiCall, parseApiCall } from './protocol/parse-api-call.js';
import { type ApiBankMode, type ApiCallOutcome, ApiEnvironment } from './tool-manager.js';

/** How one instance was judged, following the evaluator's steps. */
export type ApiBankVerdict = {
  readonly correct: boolean;
  /** The last step reached: no `[...]`, unparseable, wrong API, the call raised, the checker raised, or checked. */
  readonly stage: 'no-call' | 'unparseable' | 'name-mismatch' | 'call-error' | 'checker-error' | 'checked';
  readonly detail: string;
};

/** What the reply asked for: a call, or why there is none. */
export type ReadReply =
  | { readonly type: 'call'; readonly call: ParsedApiCall; readonly reason?: never }
  | { readonly type: 'none'; readonly stage: 'no-call' | 'unparseable'; readonly reason: string };

export type ApiBankEpisodeOptions = {
  readonly data: ApiBankData;
  readonly instance: ApiBankInstance;
  readonly format: ActionMode;
  readonly mode?: ApiBankMode;
  /** Uniform in [0, 1) for random IDs and tokens. */
  readonly random?: () => number;
};

/** APIs whose checker deletes `meeting_topic` from the ground truth it was given. */
const groundTruthMutatingApis = new Set(['AddMeeting', 'ModifyMeeting', 'QueryMeeting']);

/**
 * One instance in one format: a fresh environment, the reply's call, and the verdict. In fixed mode
 * the ground truth is repaired and the earlier calls of the dialogue are replayed first.
 */
export class ApiBankEpisode {
  readonly instance: ApiBankInstance;
  readonly format: ActionMode;
  readonly mode: ApiBankMode;
  readonly environment: ApiEnvironment;
  /** Calls made against the environment, in order. */
  readonly calls: { readonly apiName: string; readonly params: PyDict; readonly outcome: ApiCallOutcome }[] = [];
  private read: ReadReply | undefined;

  constructor(options: ApiBankEpisodeOptions) {
    this.mode = options.mode ?? 'faithful';
    this.format = options.format;
    this.instance = this.mode === 'fixed' ? repairInstance(options.instance) : options.instance;
    this.environment = new ApiEnvironment({
      data: options.data,
      mode: this.mode,
      ...(options.random ? { random: options.random } : {}),
      ...(this.mode === 'fixed' ? { databaseOverride: repairDatabase } : {}),
    });
    if (this.mode === 'fixed') replayHistory(this.environment, this.instance);
  }

  /** Extracts and parses the reply's call (the evaluator's `get_api_call` and `parse_api_call`). */
  readReply(reply: string): ReadReply {
    const extracted = extractApiCall(reply);
    if (extracted === undefined) {
      this.read = { type: 'none', stage: 'no-call', reason: 'No API call found' };
      return this.read;
    }
    const parsed = parseApiCall(extracted, this.format, { fixed: this.mode === 'fixed' });
    this.read = parsed.success
      ? { type: 'call', call: parsed.value }
      : { type: 'none', stage: 'unparseable', reason: parsed.error };
    return this.read;
  }

  /** The call of the reply read last, with its Python-typed arguments. */
  lastCall(): ParsedApiCall | undefined {
    return this.read?.type === 'call' ? this.read.call : undefined;
  }

  /** Runs a call against this instance's environment and records it. */
  execute(apiName: string, params: PyDict): ApiCallOutcome {
    const outcome = this.environment.call(apiName, params);
    this.calls.push({ apiName, params, outcome });
    return outcome;
  }

  /** The evaluator's verdict on the reply read last and the call it made. */
  verdict(): ApiBankVerdict {
    const read = this.read;
    if (!read) return { correct: false, stage: 'no-call', detail: 'No reply was read.' };
    if (read.type === 'none') return { correct: false, stage: read.stage, detail: read.reason };
    const expected = this.instance.groundTruth.apiName;
    if (!pyEquals(read.call.apiName, pyStr(expected))) {
      return {
        correct: false,
        stage: 'name-mismatch',
        detail: `API Name Mismatch: ${pythonStr(read.call.apiName)} vs ${expected}`,
      };
    }
    const call = this.calls.find((candidate) => candidate.apiName === expected);
    if (!call) return { correct: false, stage: 'call-error', detail: 'The call did not reach the API.' };
    if (call.outcome.type === 'error') return { correct: false, stage: 'call-error', detail: call.outcome.error };
    return this.check(call.outcome.result);
  }

  /** The ground-truth API's checker on a result. */
  check(result: PyDict): ApiBankVerdict {
    const api = apiDefinitions.get(this.instance.apiName);
    if (!api) return { correct: false, stage: 'checker-error', detail: `No checker for ${this.instance.apiName}.` };
    const groundTruth = pyClone(this.instance.groundTruth.result);
    if (this.mode === 'faithful' && this.instance.duplicateOf !== null && groundTruthMutatingApis.has(api.name)) {
      // Upstream shares this ground truth with the original instance, whose check already removed the topic.
      const input = groundTruth.get('input');
      if (input?.type === 'dict') input.delete('meeting_topic');
    }
    const check = (this.mode === 'fixed' ? fixedCheckers.get(api.name) : undefined) ?? api.check;
    try {
      const correct = check(pyClone(result), groundTruth);
      return { correct, stage: 'checked', detail: correct ? 'correct' : `result ${pythonStr(result)}` };
    } catch (error) {
      return { correct: false, stage: 'checker-error', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** Judges a reply without the agent loop: read it, run its call, check it. */
export function judgeReply(options: ApiBankEpisodeOptions, reply: string): ApiBankVerdict {
  const episode = new ApiBankEpisode(options);
  const read = episode.readReply(reply);
  if (read.type === 'call' && read.call.apiName.type === 'str')
    episode.execute(read.call.apiName.value, read.call.params);
  return episode.verdict();
}
