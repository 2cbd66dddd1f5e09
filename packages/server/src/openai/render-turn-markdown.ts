import type { AgentEvent, Execution } from '@codeact/core';

const fence = (language: string, body: string) => {
  const ticks = body.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${body.endsWith('\n') ? body : `${body}\n`}${ticks}\n\n`;
};

function outputText(execution: Execution): string {
  const parts = [execution.stdout, execution.stderr, execution.result ?? '', execution.error?.traceback ?? ''];
  return parts.filter(Boolean).join(execution.stdout.endsWith('\n') ? '' : '\n');
}

/**
 * Turns the agent's events into the Markdown of an assistant message, one piece per event: thoughts
 * as text, code in fenced `python` blocks, outputs in `text` blocks, figures as image links (from
 * `figureUrl`), and the answer or message last.
 */
export function renderTurnMarkdown(
  event: AgentEvent,
  figureUrl: (runId: string, step: number, index: number) => string,
): string {
  switch (event.type) {
    case 'action': {
      const { action } = event;
      if (action.type === 'code')
        return `${action.thought ? `${action.thought.trim()}\n\n` : ''}${fence('python', action.code)}`;
      if (action.type === 'answer')
        return `${action.thought ? `${action.thought.trim()}\n\n` : ''}${action.answer.trim()}`;
      if (action.type === 'message') return action.text.trim();
      return '';
    }
    case 'execution-end': {
      const output = outputText(event.execution);
      const figures = event.execution.artifacts
        .map((artifact, index) => `![${artifact.name}](${figureUrl(event.runId, event.step, index)})\n\n`)
        .join('');
      return `${output ? fence('text', output) : ''}${figures}`;
    }
    case 'tool-approval-response':
      return event.decision === 'deny' ? `_${event.toolName} was not approved._\n\n` : '';
    case 'run-end':
      return event.status === 'answer' || event.status === 'message'
        ? ''
        : `\n\n_The run ended: ${event.reason ?? event.error?.message ?? event.status}._`;
    default:
      return '';
  }
}
