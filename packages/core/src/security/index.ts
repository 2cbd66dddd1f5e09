export { createRedactor, redactExecution, redactedText, secretsFromEnvironment } from './redact-secrets.js';
