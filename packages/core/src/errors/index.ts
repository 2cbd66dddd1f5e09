export { CodeActError, type CodeActErrorCode } from './codeact-error.js';
export { ConfigurationError } from './configuration-error.js';
export { ExecutorError, ExecutorUnavailableError } from './executor-error.js';
export { MaxTurnsExceededError } from './max-turns-exceeded-error.js';
export { ModelBehaviorError } from './model-behavior-error.js';
export { ModelCallError } from './model-call-error.js';
export { ScriptExhaustedError } from './script-exhausted-error.js';
