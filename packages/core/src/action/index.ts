export { Action } from './action.js';
export type { ActionFormat, ParsedReply } from './action-format.js';
export { type CodeActFormatOptions, codeActFormat, invalidInputFeedback } from './codeact-format.js';
export { invalidJsonActionFeedback, jsonActionFormat } from './json-format.js';
export {
  coerceTextArgument,
  type MarkedReply,
  markedReplyFeedback,
  parseMarkedReply,
  postprocessMarkedReply,
  pythonStrip,
  textActionFormat,
  toolCallHandler,
} from './text-format.js';
