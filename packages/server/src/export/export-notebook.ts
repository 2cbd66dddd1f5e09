import type { Conversation, Execution, InstalledPackage, Trajectory } from '@codeact/core';

type Output =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string[] }
  | { output_type: 'execute_result'; execution_count: number; data: { 'text/plain': string[] }; metadata: object }
  | { output_type: 'display_data'; data: { 'image/png': string; 'text/plain': string[] }; metadata: object }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

type Cell =
  | { cell_type: 'markdown'; id: string; metadata: object; source: string[] }
  | {
      cell_type: 'code';
      id: string;
      metadata: { tags?: string[] };
      source: string[];
      execution_count: number | null;
      outputs: Output[];
    };

/** An nbformat 4.5 notebook. */
export type Notebook = {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: Cell[];
};

/** nbformat stores multi-line strings as lists of lines, each keeping its newline. */
function lines(text: string): string[] {
  const parts = text.split(/(?<=\n)/);
  return parts.length === 1 && parts[0] === '' ? [] : parts;
}

/** Model and user text is data: shown literally, never as HTML in the notebook viewer. */
function inert(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quote(text: string): string {
  return inert(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function outputsOf(execution: Execution, count: number): Output[] {
  const outputs: Output[] = [];
  if (execution.stdout) outputs.push({ output_type: 'stream', name: 'stdout', text: lines(execution.stdout) });
  if (execution.stderr) outputs.push({ output_type: 'stream', name: 'stderr', text: lines(execution.stderr) });
  for (const artifact of execution.artifacts) {
    outputs.push({
      output_type: 'display_data',
      data: { 'image/png': artifact.data, 'text/plain': [`<${artifact.name}>`] },
      metadata: {},
    });
  }
  if (execution.result !== undefined) {
    outputs.push({
      output_type: 'execute_result',
      execution_count: count,
      data: { 'text/plain': lines(execution.result) },
      metadata: {},
    });
  }
  if (execution.error) {
    outputs.push({
      output_type: 'error',
      ename: execution.error.name,
      evalue: execution.error.message,
      traceback: execution.error.traceback.split('\n'),
    });
  }
  return outputs;
}

/**
 * A runnable notebook of a conversation: the user's messages and the agent's thoughts and answers as
 * Markdown, every code action as a code cell with its recorded outputs (plots included). Actions that
 * raised are kept, tagged `raises-exception`, so "Run all" (and `nbconvert --execute`) goes past them
 * just as the agent did. When packages were installed, a first `%pip install` cell pins them. Run it in a copy of the conversation's work dir to have its uploaded files.
 */
export function exportNotebook(
  conversation: Pick<Conversation, 'title' | 'model' | 'interpreter'>,
  trajectories: readonly Trajectory[],
  packages: readonly InstalledPackage[] = [],
): Notebook {
  const cells: Cell[] = [];
  let counter = 0;
  let executed = 0;
  const id = () => `cell-${++counter}`;
  const markdown = (text: string) => cells.push({ cell_type: 'markdown', id: id(), metadata: {}, source: lines(text) });
  markdown(
    `# ${inert(conversation.title || 'codeact conversation')}\n\n` +
      `Exported from codeact: model \`${inert(conversation.model)}\`, interpreter \`${inert(conversation.interpreter)}\`. ` +
      "Run it in a copy of the conversation's work dir (download its files) so that uploaded data is found.",
  );
  if (packages.length > 0) {
    // The packages installed during the conversation, pinned, before any action needs them.
    const pins = packages.map((entry) => `${entry.name}==${entry.version}`).join(' ');
    cells.push({
      cell_type: 'code',
      id: id(),
      metadata: {},
      source: [`%pip install ${pins}`],
      execution_count: null,
      outputs: [],
    });
  }
  for (const trajectory of trajectories) {
    const metadata = (trajectory.metadata ?? {}) as { prompt?: unknown };
    const prompt =
      typeof metadata.prompt === 'string'
        ? metadata.prompt
        : (trajectory.messages.find((message) => message.role === 'user')?.content ?? '');
    markdown(`**User**\n\n${quote(prompt)}`);
    for (const step of trajectory.steps) {
      const action = step.action;
      switch (action.type) {
        case 'code': {
          if (action.thought) markdown(`*Agent:* ${inert(action.thought)}`);
          const execution = step.execution;
          cells.push({
            cell_type: 'code',
            id: id(),
            metadata: execution?.error || execution?.timedOut ? { tags: ['raises-exception'] } : {},
            source: lines(action.code),
            // Numbered through the conversation: an interpreter rebuilt after a restart counts anew.
            execution_count: execution ? ++executed : null,
            outputs: execution ? outputsOf(execution, executed) : [],
          });
          break;
        }
        case 'answer':
          markdown(`**Answer**${action.thought ? ` — ${inert(action.thought)}` : ''}\n\n${quote(action.answer)}`);
          break;
        case 'message':
          markdown(`**Agent**\n\n${quote(action.text)}`);
          break;
        case 'tool-call':
          markdown(`*Agent called* \`${inert(action.toolName)}\``);
          break;
        case 'invalid':
          break;
        default:
          action satisfies never;
      }
    }
    if (trajectory.outcome.status === 'aborted') markdown('*Stopped by the user here.*');
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python', file_extension: '.py', mimetype: 'text/x-python' },
      codeact: { model: conversation.model, interpreter: conversation.interpreter },
    },
    cells,
  };
}
