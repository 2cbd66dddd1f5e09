/** One server-sent event: its name, id and raw data lines joined. */
export type RawSseMessage = { readonly event: string; readonly id: string | undefined; readonly data: string };

/**
 * Reads server-sent events from a response body, calling `onMessage` for each one with data, until it
 * returns true or the stream ends. Comment lines are skipped; the reader is cancelled at the end.
 */
export async function readSseMessages(
  response: Response,
  onMessage: (message: RawSseMessage) => boolean | undefined,
): Promise<void> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // Messages are taken by position and the rest is cut once per read: linear in a large read.
      let start = 0;
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        const message = parseBlock(buffer.slice(start, boundary));
        start = boundary + 2;
        boundary = buffer.indexOf('\n\n', start);
        if (message && onMessage(message)) return;
      }
      buffer = buffer.slice(start);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function parseBlock(block: string): RawSseMessage | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { event, id, data: data.join('\n') };
}
