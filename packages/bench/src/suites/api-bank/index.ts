import { ConfigurationError } from '@codeact/core';
import type { BenchmarkSuite, SuiteOptions, Toolset } from '../../harness/benchmark-suite.js';
import { apiBankInstances } from './api-bank-ceiling.js';
import { loadApiBankData } from './api-bank-data.js';
import { ApiBankEpisode } from './api-bank-episode.js';
import { apiBankChart, renderApiBankReport } from './api-bank-report.js';
import { createApiBankTools } from './api-bank-tools.js';
import { type ApiBankTask, apiBankFormats, runApiBankEpisode } from './run-api-bank-episode.js';

export { apiBankActionFormat } from './api-bank-action-format.js';
export { apiBankInstances, computeCeilings, idealReply } from './api-bank-ceiling.js';
export {
  type ActionMode,
  type ApiBankData,
  type ApiBankInstance,
  type ApiCallTurn,
  type ApiSpec,
  actionModes,
  type DialogueTurn,
  defaultApiBankDataDir,
  loadApiBankData,
} from './api-bank-data.js';
export { ApiBankEpisode, type ApiBankVerdict, judgeReply } from './api-bank-episode.js';
export { type ApiBankPaperRow, apiBankPaperResults, findApiBankPaperRow } from './api-bank-paper-results.js';
export { apiBankChart, renderApiBankReport } from './api-bank-report.js';
export { createApiBankTools, renderPythonCall } from './api-bank-tools.js';
export { createApiCallExecutor } from './api-call-executor.js';
export { buildApiBankMessages, buildSystemPrompt } from './protocol/build-messages.js';
export { extractApiCall, type ParsedApiCall, parseApiCall } from './protocol/parse-api-call.js';
export { renderHistoryCall, renderIdealCall } from './protocol/render-api-call.js';
export {
  type ApiBankFormat,
  type ApiBankTask,
  actionModeOf,
  apiBankFormats,
  runApiBankEpisode,
} from './run-api-bank-episode.js';
export { type ApiBankMode, type ApiCallOutcome, ApiEnvironment } from './tool-manager.js';

/** The 49 APIs against a fresh copy of the databases (after the dialogue's earlier calls when fixed). */
async function apiBankToolset(taskId: string, options: SuiteOptions): Promise<Toolset> {
  const data = loadApiBankData();
  const instance = data.instances.find((candidate) => candidate.instanceId === taskId);
  if (!instance) {
    throw new ConfigurationError(
      `No API-Bank instance ${JSON.stringify(taskId)}; ids look like ${data.instances[0]?.instanceId}.`,
    );
  }
  const mode = options.fixed === true ? 'fixed' : 'faithful';
  const episode = new ApiBankEpisode({ data, instance, format: 'code_as_action', mode });
  return { tools: createApiBankTools(episode, data) };
}

/**
 * API-Bank level-1 as CodeAct re-purposed it (the paper's §2.2, Table 2): 399 single API calls over
 * 49 APIs, each asked for once in code, JSON or text format and checked by the API's own checker.
 * `suiteOptions.fixed` repairs the evaluator's documented bugs and is reported separately.
 */
export const suite: BenchmarkSuite<ApiBankTask> = {
  specificationVersion: 'v1',
  name: 'api-bank',
  formats: apiBankFormats,
  async listTasks(options) {
    return apiBankInstances(loadApiBankData(), options.fixed === true ? 'fixed' : 'faithful').map((instance) => ({
      id: instance.instanceId,
      family: instance.apiName,
      apiName: instance.apiName,
      fileLevel: instance.fileLevel,
    }));
  },
  runEpisode: (options) => runApiBankEpisode(options),
  renderReport: renderApiBankReport,
  chart: apiBankChart,
  toolset: apiBankToolset,
};
