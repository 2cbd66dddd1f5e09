export { type ConnectMcpOptions, connectMcpServer, type McpConnection } from './connect-mcp-server.js';
export { connectMcpToolset, type McpToolset, type McpToolsetOptions } from './connect-mcp-toolset.js';
export { mcpResultValue } from './mcp-result.js';
export {
  McpConfig,
  type McpServerSpec,
  mcpServersFromConfig,
  parseMcpFlag,
  splitCommandLine,
} from './mcp-server-spec.js';
export { type McpBackedTool, type McpToolOptions, mcpTools } from './mcp-tools.js';
export { pythonName } from './python-name.js';
export { type CodeActMcpServerOptions, createCodeActMcpServer } from './server/create-codeact-mcp-server.js';
export { createMcpHttpSessions, type McpHttpSessionsOptions } from './server/mcp-http-sessions.js';
