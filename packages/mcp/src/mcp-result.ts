import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Marks a result carrying images; the Python wrapper shows them as figures and returns `value`. */
export const imageEnvelopeKey = '__codeact_mcp__';

export type McpImage = { readonly data: string; readonly mimeType: string; readonly name: string };

/**
 * What Python gets from a tool result: `structuredContent` as is, else the text parts joined (an
 * embedded text resource counts as text, a resource link as its URI). Images travel beside the value
 * to become figures. `isError` results throw, so Python sees a `ToolError` with the server's text.
 */
export function mcpResultValue(result: CallToolResult, toolLabel: string): unknown {
  const texts: string[] = [];
  const images: McpImage[] = [];
  for (const part of result.content ?? []) {
    if (part.type === 'text') texts.push(part.text);
    else if (part.type === 'image') {
      images.push({ data: part.data, mimeType: part.mimeType, name: `${toolLabel}-${images.length + 1}` });
    } else if (part.type === 'resource' && 'text' in part.resource) texts.push(part.resource.text);
    else if (part.type === 'resource_link') texts.push(part.uri);
    else if (part.type === 'audio') texts.push(`[${part.mimeType} audio, not shown]`);
  }
  if (result.isError) throw new Error(texts.join('\n') || `${toolLabel}() failed`);
  const value = result.structuredContent ?? texts.join('\n');
  return images.length > 0 ? { [imageEnvelopeKey]: 1, value, images } : value;
}
