import type { Artifact, ExecuteOptions, PythonException } from '@codeact/core';
import { errorMimeType, resultMimeType, truncatedMimeType } from './jupyter-prelude.js';

type OutputListener = NonNullable<ExecuteOptions['onOutput']>;

/**
 * Live output is batched this long: fewer events for chatty code, and a cell that prints and then
 * calls a tool has its tool call started before the host sees the output (as with the local runners).
 */
const liveBatchMs = 25;

/** ANSI colour codes (the prelude turns colours off; a kernel may still send some). */
const ansiColor = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** What one cell produced, gathered from its iopub messages. */
export class CellOutput {
  stdout = '';
  stderr = '';
  result: string | undefined;
  error: PythonException | undefined;
  readonly artifacts: Artifact[] = [];
  truncatedBytes = 0;
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly onOutput: OutputListener | undefined;

  constructor(maxBytes: number, onOutput: OutputListener | undefined) {
    this.maxBytes = maxBytes;
    this.onOutput = onOutput;
  }

  add(msgType: string, content: Record<string, unknown>): void {
    if (msgType === 'stream') {
      const stream = content.name === 'stderr' ? 'stderr' : 'stdout';
      this.write(stream, String(content.text ?? ''));
    } else if (msgType === 'execute_result') {
      const data = content.data as Record<string, unknown> | undefined;
      if (typeof data?.['text/plain'] === 'string') this.result = data['text/plain'];
    } else if (msgType === 'display_data') {
      const data = content.data as Record<string, unknown> | undefined;
      const png = data?.['image/png'];
      const dropped = data?.[truncatedMimeType];
      const value = data?.[resultMimeType];
      const error = data?.[errorMimeType];
      if (typeof dropped === 'string') this.truncatedBytes += Number(dropped) || 0;
      else if (typeof value === 'string') this.result = value;
      else if (typeof error === 'string') this.error = parseError(error);
      else if (typeof png === 'string')
        this.artifacts.push({
          type: 'image',
          mimeType: 'image/png',
          data: png.replace(/\s+/g, ''),
          name: `figure-${this.artifacts.length + 1}.png`,
        });
      else if (typeof data?.['text/plain'] === 'string') this.write('stdout', `${data['text/plain']}\n`);
    } else if (msgType === 'error') {
      const name = String(content.ename ?? 'Error');
      const message = String(content.evalue ?? '');
      const lines = Array.isArray(content.traceback) ? content.traceback.map(String) : [];
      const traceback = lines.join('').replace(ansiColor, '');
      this.error = { name, message, traceback: traceback || `${name}: ${message}\n` };
    }
  }

  /** Live output not yet handed to `onOutput`: delivered in batches every `liveBatchMs`, and at the end. */
  private live: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  private liveTimer: NodeJS.Timeout | undefined;

  /** Hands the pending live output to `onOutput`, consecutive text of one stream as one chunk. */
  flushLive(): void {
    clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
    const pending = this.live;
    this.live = [];
    for (const chunk of pending) this.onOutput?.(chunk);
  }

  private write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.onOutput) {
      const last = this.live.at(-1);
      if (last?.stream === stream) last.text += text;
      else this.live.push({ stream, text });
      this.liveTimer ??= setTimeout(() => this.flushLive(), liveBatchMs);
    }
    const size = Buffer.byteLength(text);
    const room = Math.max(0, this.maxBytes - this.bytes);
    if (size <= room) {
      this[stream] += text;
      this.bytes += size;
      return;
    }
    const kept = Buffer.from(text)
      .subarray(0, room)
      .toString()
      .replace(/\uFFFD$/, '');
    this[stream] += kept;
    this.bytes += Buffer.byteLength(kept);
    this.truncatedBytes += size - Buffer.byteLength(kept);
  }
}

/** The runner's error message (`{ name, message, traceback }` as JSON). */
function parseError(text: string): PythonException {
  try {
    const { name, message, traceback } = JSON.parse(text) as Record<string, unknown>;
    return { name: String(name), message: String(message), traceback: String(traceback) };
  } catch {
    return {
      name: 'Error',
      message: 'unreadable error from the kernel',
      traceback: 'Error: unreadable error from the kernel\n',
    };
  }
}
