import { defineTool, type Tool } from '@codeact/core';
import { z } from 'zod';

export type WikipediaSearchToolOptions = {
  /** Injected for tests; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Default `https://en.wikipedia.org/w/api.php`. */
  readonly endpoint?: string;
  /** Pages returned. Default 3. */
  readonly topK?: number;
  /** Longest result, in characters. Default 4000. */
  readonly maxChars?: number;
};

/** MINT's description of the tool, verbatim (spec §1.2). */
export const wikipediaSearchDescription =
  'The Wikipedia Search tool provides access to a vast collection of articles covering a wide range of topics.\nCan query specific keywords or topics to retrieve accurate and comprehensive information.\n';

type SearchResponse = { query?: { search?: { title: string }[] } };
type ExtractResponse = { query?: { pages?: Record<string, { title?: string; extract?: string }> } };

/**
 * `wikipedia_search(query: str) -> str`, the tool of MINT's reasoning tasks: the top pages' titles
 * and introductions as `Page: …\nSummary: …` blocks, like the LangChain wrapper MINT used.
 */
export function wikipediaSearchTool(options: WikipediaSearchToolOptions = {}): Tool {
  const endpoint = options.endpoint ?? 'https://en.wikipedia.org/w/api.php';
  const get = async (parameters: Record<string, string>, abortSignal: AbortSignal) => {
    const url = `${endpoint}?${new URLSearchParams({ format: 'json', origin: '*', ...parameters })}`;
    const response = await (options.fetch ?? fetch)(url, {
      signal: abortSignal,
      headers: { 'user-agent': 'codeact (https://github.com/; CodeActInstruct collection)' },
    });
    if (!response.ok) throw new Error(`Wikipedia answered HTTP ${response.status}`);
    return (await response.json()) as unknown;
  };
  return defineTool({
    name: 'wikipedia_search',
    description: wikipediaSearchDescription,
    parameters: z.object({ query: z.string() }),
    returns: 'str',
    execute: async ({ query }, { abortSignal }) => {
      const found = (await get(
        { action: 'query', list: 'search', srsearch: query, srlimit: String(options.topK ?? 3) },
        abortSignal,
      )) as SearchResponse;
      const titles = (found.query?.search ?? []).map((hit) => hit.title);
      const blocks: string[] = [];
      for (const title of titles) {
        const page = (await get(
          { action: 'query', prop: 'extracts', exintro: '1', explaintext: '1', redirects: '1', titles: title },
          abortSignal,
        )) as ExtractResponse;
        const extract = Object.values(page.query?.pages ?? {})[0]?.extract?.trim();
        if (extract) blocks.push(`Page: ${title}\nSummary: ${extract}`);
      }
      if (blocks.length === 0) return 'No good Wikipedia Search Result was found';
      return blocks.join('\n\n').slice(0, options.maxChars ?? 4000);
    },
  });
}
