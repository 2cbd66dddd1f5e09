export { Action } from './action.js';
export type { ActionFormat, ParsedReply } from './action-format.js';
export { type CodeActFormatOptions, codeActFormat, invalidInputFeedback } from './codeact-format.js';
export { invalidJsonActionFeedback, jsonActionFormat } from './json-format.js';
export { pythonLstrip, pythonRstrip, pythonStrip, pythonStripChars } from './python-strip.js';
export {
  coerceTextArgument,
  type MarkedReply,
  markedReplyFeedback,
  parseMarkedReply,
  postprocessMarkedReply,
  textActionFormat,
  toolCallHandler,
} from './text-format.js';
