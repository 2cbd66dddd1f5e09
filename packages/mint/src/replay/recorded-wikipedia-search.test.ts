import { describe, expect, it } from 'vitest';
import { createRecordedWikipediaReplay } from './recorded-wikipedia-search.js';

const message = (observation: string) =>
  `Observation:\n${observation}\nYou have 4 steps left and 2 chances to propose solution left.\n`;
const context = { abortSignal: new AbortController().signal, sessionId: 's' };

describe('createRecordedWikipediaReplay', () => {
  const turns = [
    {
      reply: "<execute> print(wikipedia_search('Li Bai')) </execute>",
      observation: message('Page: Li Bai\nSummary: poet'),
    },
    {
      reply: '<execute> print(wikipedia_search("Li Bai")) </execute>',
      observation: message('Page: Li Bai\nSummary: again'),
    },
    { reply: "<execute> r = wikipedia_search('Du Fu')\nprint(r) </execute>", observation: message('Page: Du Fu') },
    {
      reply: "<execute> print(wikipedia_search('Broken')) </execute>",
      observation: message('Traceback (most recent call last)\nWikipediaException: x'),
    },
    { reply: '<solution> 701 </solution>', observation: message('Your answer is wrong.') },
  ];

  it('serves results learned from print(wikipedia_search(...)) cells, repeated queries in order', async () => {
    const replay = createRecordedWikipediaReplay(turns);
    const [tool] = replay.tools;
    expect(tool?.name).toBe('wikipedia_search');
    expect(await tool?.execute({ query: 'Li Bai' }, context)).toBe('Page: Li Bai\nSummary: poet');
    expect(await tool?.execute({ query: 'Li Bai' }, context)).toBe('Page: Li Bai\nSummary: again');
    expect(await tool?.execute({ query: 'Li Bai' }, context)).toBe('Page: Li Bai\nSummary: again');
    expect(replay.takeCalls()).toEqual({ served: 3, missing: 0 });
    expect(replay.takeCalls()).toEqual({ served: 0, missing: 0 });
  });

  it('counts a query without a usable recorded result as missing and fails the call', async () => {
    const replay = createRecordedWikipediaReplay(turns);
    const [tool] = replay.tools;
    await expect(tool?.execute({ query: 'Du Fu' }, context)).rejects.toThrow(
      'wikipedia_search is offline in this replay',
    );
    await expect(tool?.execute({ query: 'Broken' }, context)).rejects.toThrow('has no result for "Broken"');
    expect(replay.takeCalls()).toEqual({ served: 0, missing: 2 });
    expect(replay.recordedMessage(2)).toBe(message('Page: Du Fu'));
  });
});
