/**
 * Replay of recorded model outputs (`--model replay:DIR`): MINT `results.jsonl` runs and codeact
 * trajectory JSONL, answered per task in recorded order.
 * @module
 */
export { loadReplayModel, mintFamilyOfFile, readRecordedEpisodes } from './load-replay-model.js';
export { type ReadMintEpisodesResult, readMintEpisodes } from './read-mint-episodes.js';
export {
  type ReadTrajectoryEpisodesResult,
  readTrajectoryEpisodes,
  trajectoryToEpisode,
} from './read-trajectory-episodes.js';
export type { RecordedEpisode, RecordedOutcome, RecordedTurn } from './recorded-episode.js';
export { type ReplayDivergence, ReplayModel, type ReplayModelOptions } from './replay-model.js';
export { replayProvider } from './replay-provider.js';
