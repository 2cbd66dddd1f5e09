import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AgentOptions,
  type Executor,
  type ExecutorSession,
  type LanguageModel,
  renderObservation,
  streamAgent,
  type ToolHost,
} from '@codeact/core';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { listWorkDir, readWorkDirFile, writeWorkDirFile } from './work-dir-files.js';

export type CodeActMcpServerOptions = {
  readonly executor: Executor;
  /** Tools installed in the sandbox (e.g. from `--tools` / `--mcp`). */
  readonly toolHost?: ToolHost | undefined;
  /** The session's work dir; default a fresh temporary one, removed on close. */
  readonly workDir?: string | undefined;
  /** The model `run_agent` uses; without one, `run_agent` is not offered. */
  readonly model?: LanguageModel | undefined;
  readonly agent?: Pick<AgentOptions, 'maxTurns' | 'maxOutputTokens' | 'temperature' | 'timeLimitMs'> | undefined;
  /** Largest file `read_file` returns and `write_file` writes. Default 1 MiB. */
  readonly maxFileBytes?: number | undefined;
  /** Limit per `python` call, in seconds, when the client gives none. Default 30. */
  readonly defaultTimeoutSeconds?: number | undefined;
};

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const failure = (error: unknown): CallToolResult => ({
  content: [{ type: 'text', text: (error as Error).message }],
  isError: true,
});

/**
 * codeact as an MCP server: one persistent sandboxed Python session (created on first use) and its
 * work dir, offered as the tools `python`, `reset`, `list_files`, `read_file`, `write_file` and,
 * with a model, `run_agent`. One instance serves one MCP session; `close()` stops its interpreter.
 */
export async function createCodeActMcpServer(options: CodeActMcpServerOptions) {
  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'codeact-mcp-')));
  const maxFileBytes = options.maxFileBytes ?? 1024 * 1024;
  let session: Promise<ExecutorSession> | undefined;
  const getSession = () => {
    session ??= options.executor.createSession({ workDir, tools: options.toolHost });
    session.catch(() => {
      session = undefined;
    });
    return session;
  };
  const closeSession = async () => {
    const current = session;
    session = undefined;
    await (await current?.catch(() => undefined))?.close();
  };

  const server = new McpServer(
    { name: 'codeact', version: '0.1.0' },
    {
      instructions:
        'A persistent, sandboxed Python interpreter: variables, imports and files survive from one python call to the next until reset. Files live in the session work dir (list_files, read_file, write_file).',
    },
  );
  server.registerTool(
    'python',
    {
      description:
        'Runs Python code in the persistent sandboxed session and returns its output (stdout, stderr, the value of a last expression, or the traceback) and any matplotlib figures as images.',
      inputSchema: {
        code: z.string().describe('Python source to run'),
        timeout_seconds: z.number().positive().optional().describe('Wall-clock limit for this code'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    },
    async ({ code, timeout_seconds }, extra) => {
      try {
        const execution = await (await getSession()).execute({
          code,
          timeoutMs: (timeout_seconds ?? options.defaultTimeoutSeconds ?? 30) * 1000,
          abortSignal: extra.signal,
        });
        const images = execution.artifacts.map((artifact) => ({
          type: 'image' as const,
          data: artifact.data,
          mimeType: artifact.mimeType,
        }));
        return {
          content: [{ type: 'text', text: renderObservation(execution, { prefix: '' }) }, ...images],
          ...(execution.error ? { isError: true } : {}),
        };
      } catch (error) {
        return failure(error);
      }
    },
  );
  server.registerTool(
    'reset',
    {
      description: 'Stops the Python session; the next python call starts a fresh one (files in the work dir stay).',
      annotations: { destructiveHint: true },
    },
    async () => {
      await closeSession();
      return text('The Python session was reset.');
    },
  );
  server.registerTool(
    'list_files',
    {
      description: 'Lists a directory of the session work dir (default its root).',
      inputSchema: { path: z.string().optional().describe('Directory relative to the work dir') },
      annotations: { readOnlyHint: true },
    },
    async ({ path }) => listWorkDir(workDir, path).then(text, failure),
  );
  server.registerTool(
    'read_file',
    {
      description: `Returns a UTF-8 file of the work dir (at most ${maxFileBytes} bytes).`,
      inputSchema: { path: z.string().describe('File path relative to the work dir') },
      annotations: { readOnlyHint: true },
    },
    async ({ path }) => readWorkDirFile(workDir, path, maxFileBytes).then(text, failure),
  );
  server.registerTool(
    'write_file',
    {
      description: `Writes a UTF-8 file in the work dir, replacing it (at most ${maxFileBytes} bytes); Python sees it at once.`,
      inputSchema: { path: z.string(), content: z.string() },
      annotations: { destructiveHint: true },
    },
    async ({ path, content }) => writeWorkDirFile(workDir, path, content, maxFileBytes).then(text, failure),
  );
  const model = options.model;
  if (model) {
    server.registerTool(
      'run_agent',
      {
        description:
          'Runs a whole CodeAct task with the server’s model in this session (it writes and runs Python until it has an answer). Returns the answer, then a transcript of the code and outputs.',
        inputSchema: { task: z.string().describe('What the agent should do') },
      },
      async ({ task }, extra) => {
        try {
          const result = await streamAgent({
            model,
            session: await getSession(),
            tools: options.toolHost?.tools,
            prompt: task,
            abortSignal: extra.signal,
            ...options.agent,
          }).result;
          const transcript = result.trajectory.steps
            .filter((step) => step.action.type === 'code')
            .map((step) => {
              const code = step.action.type === 'code' ? step.action.code : '';
              const output = step.execution ? renderObservation(step.execution, { prefix: '' }) : '';
              return `In:\n${code}\nOut:\n${output}`;
            });
          const answer = result.answer ?? `(no answer: ${result.reason ?? result.status})`;
          return text([`Answer: ${answer}`, ...transcript].join('\n\n'));
        } catch (error) {
          return failure(error);
        }
      },
    );
  }
  return {
    server,
    workDir,
    async close() {
      await server.close().catch(() => {});
      await closeSession();
      if (ownsWorkDir) await rm(workDir, { recursive: true, force: true });
    },
  };
}
