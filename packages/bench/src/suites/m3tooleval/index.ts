import { ConfigurationError, createToolHost, type Execution, type ExecutorSession } from '@codeact/core';
import type { BenchmarkSuite, Toolset } from '../../harness/benchmark-suite.js';
import { loadM3Data, type M3Task, m3Formats } from './m3-data.js';
import { m3Chart, renderM3Report } from './m3-report.js';
import { ipythonCapture, m3Helpers, m3Prelude, pythonLiteral } from './m3-runtime.js';
import { runM3Episode } from './run-m3-episode.js';

export { type M3ActionFormat, m3ActionFormat } from './m3-action-format.js';
export {
  loadM3Data,
  type M3Data,
  type M3Family,
  type M3Format,
  type M3Task,
  type M3ToolSpec,
  m3Families,
  m3Formats,
} from './m3-data.js';
export { findM3PaperRow, type M3PaperRow, m3PaperResults } from './m3-paper-results.js';
export { buildM3Prompt } from './m3-prompt.js';
export { m3Chart, renderM3Report } from './m3-report.js';
export { ipythonCapture, M3Session, m3Prelude, pythonLiteral } from './m3-runtime.js';
export { loadM3ReferenceSolutions } from './reference-solutions.js';
export { m3IncorrectFeedback, openM3Session, runM3Episode } from './run-m3-episode.js';

async function m3Toolset(taskId: string, fixed: boolean): Promise<Toolset> {
  const data = await loadM3Data();
  const task = data.tasks.find((candidate) => candidate.id === taskId);
  if (!task) {
    throw new ConfigurationError(`No M3ToolEval task ${JSON.stringify(taskId)}; ids look like ${data.tasks[0]?.id}.`);
  }
  const pythonPrelude = m3Prelude(data, task.family, fixed);
  return {
    tools: createToolHost([], { pythonPrelude }).tools,
    pythonPrelude,
    async observe(execution: Execution, session: ExecutorSession) {
      const run = await session.execute({
        code: `${m3Helpers}.observation(${pythonLiteral(ipythonCapture(execution))})`,
      });
      const line = run.stdout.trimEnd().split('\n').at(-1) ?? '""';
      return JSON.parse(line) as string;
    },
  };
}

/**
 * M³ToolEval (the paper's §2.3 benchmark): 82 multi-tool tasks in 5 families, code / JSON / text
 * actions, scored per the original protocol (`suiteOptions.fixed` repairs its documented quirks).
 */
export const suite: BenchmarkSuite<M3Task> = {
  specificationVersion: 'v1',
  name: 'm3tooleval',
  formats: m3Formats,
  listTasks: async () => (await loadM3Data()).tasks,
  runEpisode: runM3Episode,
  renderReport: renderM3Report,
  chart: m3Chart,
  toolset: (taskId, options) => m3Toolset(taskId, options.fixed === true),
};
