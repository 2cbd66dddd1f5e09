import { defineTool, type Tool } from '@codeact/core';
import { z } from 'zod';

/** MINT's description of the tool, verbatim (it is part of the prompt). */
export const wikipediaSearchDescription =
  'The Wikipedia Search tool provides access to a vast collection of articles covering a wide range of topics.\n' +
  'Can query specific keywords or topics to retrieve accurate and comprehensive information.\n';

export const wikipediaSearchParameters = z.object({ query: z.string() });

export type WikipediaSearchOptions = {
  /** Injected for tests; default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Default `https://en.wikipedia.org/w/api.php`. */
  readonly endpoint?: string | undefined;
  /** Per-call limit. Default 30 s (MINT's action limit). */
  readonly timeoutMs?: number | undefined;
};

type SearchResponse = { query?: { search?: { title: string }[] } };
type PageResponse = {
  query?: {
    pages?: { missing?: boolean; invalid?: boolean; extract?: string; pageprops?: { disambiguation?: string } }[];
  };
};

/** Thrown when Wikipedia cannot be reached: the model sees it as a Python `ToolError`. */
export class WikipediaUnavailableError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `wikipedia_search needs network access to Wikipedia, which failed (${reason}). ` +
        'Offline, replay a recorded run (--model replay:DIR) to serve recorded results.',
    );
    this.name = 'WikipediaUnavailableError';
  }
}

/**
 * `wikipedia_search(query: str) -> str` as MINT implements it with LangChain's wrapper of the
 * `wikipedia` package: search (query cut to 300 characters), take the first two titles, skip
 * missing and disambiguation pages, format `Page: <title>\nSummary: <intro>`, join with a blank
 * line and cut to 1000 characters; `Wikipedia Search Result was found` (sic) when nothing remains.
 * It calls the live MediaWiki API, so results drift from the recorded runs.
 */
export function createWikipediaSearchTool(options: WikipediaSearchOptions = {}): Tool {
  const endpoint = options.endpoint ?? 'https://en.wikipedia.org/w/api.php';
  const get = async <T>(params: Record<string, string>, signal: AbortSignal): Promise<T> => {
    const url = `${endpoint}?${new URLSearchParams({ format: 'json', formatversion: '2', ...params })}`;
    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(url, { signal, headers: { 'User-Agent': 'codeact-mint/0.1 (benchmark tool)' } });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new WikipediaUnavailableError(error);
    }
    if (!response.ok) throw new WikipediaUnavailableError(`HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return defineTool({
    name: 'wikipedia_search',
    description: wikipediaSearchDescription,
    parameters: wikipediaSearchParameters,
    returns: 'str',
    timeoutMs: options.timeoutMs ?? 30_000,
    async execute({ query }, { abortSignal }) {
      const search = await get<SearchResponse>(
        { action: 'query', list: 'search', srsearch: [...query].slice(0, 300).join(''), srlimit: '10', srprop: '' },
        abortSignal,
      );
      const summaries: string[] = [];
      for (const { title } of (search.query?.search ?? []).slice(0, 2)) {
        const page = await get<PageResponse>(
          {
            action: 'query',
            prop: 'extracts|pageprops',
            exintro: '1',
            explaintext: '1',
            ppprop: 'disambiguation',
            redirects: '1',
            titles: title,
          },
          abortSignal,
        );
        const found = page.query?.pages?.[0];
        if (!found || found.missing || found.invalid || found.pageprops?.disambiguation !== undefined) continue;
        if (found.extract) summaries.push(`Page: ${title}\nSummary: ${found.extract}`);
      }
      if (summaries.length === 0) return 'Wikipedia Search Result was found';
      return [...summaries.join('\n\n')].slice(0, 1000).join('');
    },
  });
}
