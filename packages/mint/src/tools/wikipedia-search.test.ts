import { describe, expect, it } from 'vitest';
import { createWikipediaSearchTool, WikipediaUnavailableError } from './wikipedia-search.js';

type Pages = Record<string, { extract?: string; missing?: boolean; disambiguation?: boolean }>;

function fakeWikipedia(titles: readonly string[], pages: Pages): { fetch: typeof fetch; urls: URL[] } {
  const urls: URL[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    urls.push(url);
    if (url.searchParams.get('list') === 'search') {
      return Response.json({ query: { search: titles.map((title) => ({ title })) } });
    }
    const page = pages[url.searchParams.get('titles') ?? ''] ?? { missing: true };
    const pageprops = page.disambiguation ? { disambiguation: '' } : undefined;
    return Response.json({ query: { pages: [{ ...page, ...(pageprops ? { pageprops } : {}) }] } });
  }) as typeof fetch;
  return { fetch: fetchFn, urls };
}

const context = { abortSignal: new AbortController().signal, sessionId: 's' };

describe('wikipedia_search', () => {
  it('has MINT signature and description', () => {
    const tool = createWikipediaSearchTool();
    expect(tool.name).toBe('wikipedia_search');
    expect(tool.returns).toBe('str');
    expect(tool.description).toBe(
      'The Wikipedia Search tool provides access to a vast collection of articles covering a wide range of topics.\nCan query specific keywords or topics to retrieve accurate and comprehensive information.\n',
    );
  });

  it('looks at the first two titles only and skips disambiguation pages', async () => {
    const { fetch, urls } = fakeWikipedia(['Li Bai', 'Li (surname)', 'Du Fu'], {
      'Li Bai': { extract: 'Li Bai was a Chinese poet.' },
      'Li (surname)': { extract: 'x', disambiguation: true },
      'Du Fu': { extract: 'Du Fu was a Chinese poet.' },
    });
    const result = await createWikipediaSearchTool({ fetch }).execute({ query: 'Li Bai' }, context);
    expect(result).toBe('Page: Li Bai\nSummary: Li Bai was a Chinese poet.');
    expect(urls[0]?.searchParams.get('srsearch')).toBe('Li Bai');
    expect(urls).toHaveLength(3);
  });

  it('cuts the result at 1000 characters and the query at 300', async () => {
    const { fetch, urls } = fakeWikipedia(['Long'], { Long: { extract: 'y'.repeat(5000) } });
    const result = (await createWikipediaSearchTool({ fetch }).execute({ query: 'q'.repeat(400) }, context)) as string;
    expect(result).toHaveLength(1000);
    expect(result.startsWith('Page: Long\nSummary: yyy')).toBe(true);
    expect(urls[0]?.searchParams.get('srsearch')).toHaveLength(300);
  });

  it('joins two pages with a blank line and reports no result in MINT words', async () => {
    const both = fakeWikipedia(['A', 'B'], { A: { extract: 'a' }, B: { extract: 'b' } });
    expect(await createWikipediaSearchTool({ fetch: both.fetch }).execute({ query: 'q' }, context)).toBe(
      'Page: A\nSummary: a\n\nPage: B\nSummary: b',
    );
    const none = fakeWikipedia([], {});
    expect(await createWikipediaSearchTool({ fetch: none.fetch }).execute({ query: 'q' }, context)).toBe(
      'Wikipedia Search Result was found',
    );
  });

  it('fails clearly when Wikipedia cannot be reached', async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const call = createWikipediaSearchTool({ fetch: offline }).execute({ query: 'q' }, context);
    await expect(call).rejects.toBeInstanceOf(WikipediaUnavailableError);
    await expect(call).rejects.toThrow(/needs network access to Wikipedia, which failed \(fetch failed\).*replay/);
  });
});
