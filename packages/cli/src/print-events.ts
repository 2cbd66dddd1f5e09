import type { AgentEvent } from '@codeact/core';
import { type ArtifactSaver, notePaths } from './save-artifacts.js';
import type { Styler } from './style-text.js';

/**
 * Writes a readable transcript of agent events: the streamed reply, then the observation the
 * model gets back. Used on stderr by `run` and on stdout by `chat`.
 */
export function createEventPrinter(
  write: (text: string) => void,
  style: Styler,
  options: { readonly saveArtifacts?: ArtifactSaver | undefined } = {},
): (event: AgentEvent) => void {
  let saved: ReadonlyMap<string, string> = new Map();
  let saveFailed = false;
  let lineOpen = false;
  let streamed = '';
  /** The running action's output as already printed live, so the observation repeats only the rest. */
  let outputShown = false;
  let shownPrefix: string | undefined;
  const line = (text: string) => {
    if (lineOpen) write('\n');
    lineOpen = false;
    write(`${text}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'step-start':
        streamed = '';
        line(style.dim(`── step ${event.step + 1} ──`));
        break;
      case 'text-delta':
        streamed += event.text;
        write(event.text);
        lineOpen = !event.text.endsWith('\n');
        break;
      case 'reply-end':
        // A closing tag removed by the stop sequence is put back in the stored reply; show it too.
        if (event.text.startsWith(streamed) && event.text.length > streamed.length) {
          const rest = event.text.slice(streamed.length);
          write(rest);
          lineOpen = !rest.endsWith('\n');
        }
        if (lineOpen) write('\n');
        lineOpen = false;
        break;
      case 'execution-output':
        if (!outputShown) line(style.cyan('Observation:'));
        outputShown = true;
        write(style.cyan(event.text));
        lineOpen = !event.text.endsWith('\n');
        break;
      case 'execution-end':
        if (outputShown) shownPrefix = joinOutput(event.execution.stdout, event.execution.stderr);
        saved = new Map();
        if (options.saveArtifacts) {
          try {
            saved = options.saveArtifacts(event.execution.artifacts);
          } catch (error) {
            if (!saveFailed) line(style.red(`codeact: cannot save figures: ${(error as Error).message}`));
            saveFailed = true;
          }
        } else if (event.execution.artifacts.length > 0) {
          line(style.dim(`[${event.execution.artifacts.map((artifact) => artifact.name).join(', ')} produced]`));
        }
        break;
      case 'tool-approval-response':
        line(style.dim(`[${event.toolName}() ${event.decision === 'allow' ? 'allowed' : 'denied'}]`));
        break;
      case 'observation': {
        const text = notePaths(event.text, saved);
        saved = new Map();
        const rest = shownPrefix === undefined ? undefined : unshownPart(text, shownPrefix);
        outputShown = false;
        shownPrefix = undefined;
        if (rest === undefined) line(style.cyan(text));
        else if (rest) line(style.cyan(rest));
        else if (lineOpen) line('');
        break;
      }
      case 'run-end':
        if (event.status === 'answer') line(style.green(`Answer: ${event.answer ?? ''}`));
        else if (event.status === 'error')
          line(style.red(`Error: ${event.error?.message ?? event.reason ?? 'unknown'}`));
        else if (event.status !== 'message')
          line(style.red(`Run ended: ${event.status}${event.reason ? ` (${event.reason})` : ''}`));
        break;
      case 'run-start':
      case 'user-message':
      case 'action':
      case 'execution-start':
      case 'tool-approval-request':
      case 'step-end':
        break;
      default:
        assertNever(event);
    }
  };
}

/** stdout then stderr as the observation lays them out. */
function joinOutput(stdout: string, stderr: string): string {
  return [stdout, stderr]
    .filter(Boolean)
    .map((part) => (part.endsWith('\n') ? part : `${part}\n`))
    .join('')
    .trimEnd();
}

/** What the observation adds to output already shown (value, traceback, notes); undefined when it does not start with it. */
function unshownPart(observation: string, shown: string): string | undefined {
  const header = observation.startsWith('Observation:\n') ? 'Observation:\n' : '';
  const body = observation.slice(header.length);
  if (!shown || !body.startsWith(shown)) return shown ? undefined : body;
  return body.slice(shown.length).replace(/^\n/, '');
}

function assertNever(value: never): never {
  throw new Error(`Unhandled event ${JSON.stringify(value)}`);
}
