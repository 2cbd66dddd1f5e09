import { describe, expect, it } from 'vitest';
import { wikipediaSearchTool } from './wikipedia-search-tool.js';

describe('wikipediaSearchTool', () => {
  it('returns the top pages as Page/Summary blocks', async () => {
    const urls: string[] = [];
    const fetch = (async (url: string) => {
      urls.push(url);
      const parameters = new URL(url).searchParams;
      const body =
        parameters.get('list') === 'search'
          ? { query: { search: [{ title: 'Ed Wood' }, { title: 'Empty' }] } }
          : {
              query: {
                pages: { 1: { extract: parameters.get('titles') === 'Ed Wood' ? 'An American filmmaker.' : '' } },
              },
            };
      return new Response(JSON.stringify(body));
    }) as typeof globalThis.fetch;
    const tool = wikipediaSearchTool({ fetch });
    const context = { abortSignal: new AbortController().signal, sessionId: 's' };
    expect(await tool.execute({ query: 'Ed Wood' }, context)).toBe('Page: Ed Wood\nSummary: An American filmmaker.');
    expect(new URL(urls[0] as string).searchParams.get('srsearch')).toBe('Ed Wood');
    const none = wikipediaSearchTool({ fetch: (async () => new Response('{}')) as typeof globalThis.fetch });
    expect(await none.execute({ query: 'zzz' }, context)).toBe('No good Wikipedia Search Result was found');
  });
});
