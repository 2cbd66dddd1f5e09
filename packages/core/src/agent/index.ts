export { AgentEvent, type AgentEventType } from './agent-event.js';
export type { AgentOptions, AnswerVerdict, StepContext } from './agent-options.js';
export { runAgent } from './run-agent.js';
export { type AgentStream, type RunResult, streamAgent } from './stream-agent.js';
export { stuckRedirectNote } from './stuck-detector.js';
