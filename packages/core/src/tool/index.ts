export { defineTool, isPythonIdentifier, isToolName, type Tool, type ToolExecuteContext } from './define-tool.js';
export { describeTools } from './describe-tools.js';
export { type PythonParameter, pythonParameters, pythonSignature } from './python-signature.js';
export { renderPythonStubs, toolBridgeFunction } from './render-python-stubs.js';
export {
  type ApprovalPolicyOptions,
  createApprovalPolicy,
  matchesToolPattern,
  type ToolApprovalDecision,
  type ToolApprovalRequest,
  type ToolApprover,
} from './tool-approval.js';
export type { ToolCallBudget, ToolCallScope } from './tool-call-scope.js';
export {
  createToolHost,
  type ToolCallOptions,
  type ToolCallResult,
  type ToolErrorType,
  type ToolHost,
  type ToolHostOptions,
} from './tool-host.js';
