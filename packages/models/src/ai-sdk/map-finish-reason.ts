import type { FinishReason } from '@codeact/core';
import type { FinishReason as AiSdkFinishReason } from 'ai';

/** Maps the AI SDK's finish reason onto ours; reasons CodeAct does not use become `other`. */
export function mapFinishReason(reason: AiSdkFinishReason): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'error':
    case 'other':
      return reason;
    case 'content-filter':
    case 'tool-calls':
      return 'other';
    default:
      // A reason added by a newer AI SDK: compile error here, `other` at runtime.
      reason satisfies never;
      return 'other';
  }
}
