export { Action } from './action.js';
export type { ActionFormat, ParsedReply } from './action-format.js';
export { type CodeActFormatOptions, codeActFormat, invalidInputFeedback } from './codeact-format.js';
