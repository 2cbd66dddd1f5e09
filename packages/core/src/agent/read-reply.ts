import type {
  FinishReason,
  LanguageModel,
  ModelCallOptions,
  ModelStreamPart,
  TokenUsage,
} from '../model/language-model.js';

/** One model reply, read from its stream. */
export type ModelReply = {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage: TokenUsage;
  readonly durationMs: number;
  /**
   * The rest of the chunk after a closing tag that ended the reply (not part of `text`): enough for the
   * action format to see that another action followed.
   */
  readonly after: string;
  /** The reply went past `maxReplyChars` and was cut there (the rest was not read). */
  readonly capped: boolean;
};

export type ReadReplyOptions = ModelCallOptions & {
  readonly stopSequences: readonly string[];
  /** Characters read at most; the stream is closed there. */
  readonly maxReplyChars: number;
  readonly onDelta: (text: string) => void;
};

/**
 * Streams one reply, stopping once a stop sequence has appeared (servers may ignore them) or the
 * reply reaches `maxReplyChars`. Linear in the reply's length: chunks are kept in a list and only
 * the new chunk plus the few characters before it are searched for stop sequences. It yields to the
 * event loop every ~2 ms of reading, so a fast stream cannot starve other work (a server's requests),
 * and sends the text deltas that arrived in one turn of the event loop as one event.
 */
export async function readReply(model: LanguageModel, options: ReadReplyOptions): Promise<ModelReply> {
  const { stopSequences, maxReplyChars, ...callOptions } = options;
  const deltas = batchDeltas(options.onDelta);
  const started = performance.now();
  const overlap = Math.max(0, ...stopSequences.map((stop) => stop.length - 1));
  const chunks: string[] = [];
  let length = 0;
  let tail = '';
  let finish: Extract<ModelStreamPart, { type: 'finish' }> | undefined;
  let cutAt: number | undefined;
  let after = '';
  let capped = false;
  let sinceYield = 0;
  let yieldedAt = performance.now();
  try {
    for await (const part of model.doStream({ ...callOptions, stopSequences })) {
      if (part.type === 'finish') {
        finish = part;
        continue;
      }
      let piece = part.text;
      if (length + piece.length > maxReplyChars) {
        piece = piece.slice(0, maxReplyChars - length);
        capped = true;
      }
      const window = tail + piece;
      const cut = firstStop(window, stopSequences);
      if (cut !== undefined) {
        // The cut may fall in text already read (a stop that began in the previous chunk).
        cutAt = length - tail.length + cut;
        if (window.slice(0, cut).endsWith('>')) after = window.slice(cut);
        if (cut > tail.length) deltas.push(window.slice(tail.length, cut));
        chunks.push(piece);
        capped = false;
        break;
      }
      chunks.push(piece);
      length += piece.length;
      if (piece) deltas.push(piece);
      if (capped) break;
      // A stream whose chunks arrive as microtasks would never let other work on the event loop run.
      sinceYield += 1;
      if (sinceYield >= 64) {
        sinceYield = 0;
        if (performance.now() - yieldedAt > 2) {
          await new Promise((resolve) => setImmediate(resolve));
          yieldedAt = performance.now();
        }
      }
      tail = overlap === 0 ? '' : window.slice(-overlap);
    }
  } finally {
    deltas.flush();
  }
  const whole = chunks.join('');
  const text = cutAt === undefined ? whole : whole.slice(0, cutAt);
  const finishReason = capped ? 'length' : cutAt === undefined ? (finish?.finishReason ?? 'other') : 'stop';
  return {
    text,
    finishReason,
    usage: finish?.usage ?? { inputTokens: undefined, outputTokens: undefined },
    durationMs: performance.now() - started,
    after,
    capped,
  };
}

/**
 * Coalesces the deltas that arrive in one turn of the event loop (a burst of chunks already in
 * memory) into one; chunks that arrive separately, as from a network stream, are each sent at once.
 */
function batchDeltas(onDelta: (text: string) => void) {
  let pending = '';
  let scheduled: ReturnType<typeof setImmediate> | undefined;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (!pending) return;
    const text = pending;
    pending = '';
    onDelta(text);
  };
  return {
    push(text: string) {
      pending += text;
      scheduled ??= setImmediate(flush);
    },
    flush,
  };
}

/** End index (exclusive) of the text up to and including the first closing tag, or before another stop. */
function firstStop(text: string, stops: readonly string[]): number | undefined {
  let best: number | undefined;
  for (const stop of stops) {
    const index = text.indexOf(stop);
    if (index === -1) continue;
    // Closing tags are kept so the stored reply is well-formed; other stops are cut before.
    const end = stop.startsWith('</') ? index + stop.length : index;
    if (best === undefined || end < best) best = end;
  }
  return best;
}
