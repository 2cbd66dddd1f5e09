/**
 * `codeact bench mint`: the MINT protocol of `@codeact/mint` as a benchmark suite for the CodeAct
 * paper's Table 5, with its report. `suite` is what `codeact bench mint` loads.
 * @module
 */
export { codeActAgentMistralRecorded, mintPaperRows } from './mint-paper-results.js';
export {
  collectFidelity,
  type FamilyCounts,
  familyOfTaskId,
  microAverage,
  renderFamilyTable,
  renderFidelityTable,
  renderMintReport,
  renderTable5,
  summarizeMint,
} from './mint-report.js';
export { createMintSuite, type MintSettings, mintSettings, mintSuite as suite } from './mint-suite.js';
