export { defineTool, isPythonIdentifier, isToolName, type Tool, type ToolExecuteContext } from './define-tool.js';
export { describeTools } from './describe-tools.js';
export { type PythonParameter, pythonParameters, pythonSignature } from './python-signature.js';
export { renderPythonStubs, toolBridgeFunction } from './render-python-stubs.js';
export { createToolHost, type ToolCallResult, type ToolHost, type ToolHostOptions } from './tool-host.js';
