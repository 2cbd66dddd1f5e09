import { defineTool } from '@codeact/core';
import { observationOfMintMessage } from '../protocol/format-mint-observation.js';
import { parseMintReply } from '../protocol/parse-mint-reply.js';
import type { MintToolReplay } from '../protocol/run-mint-episode.js';
import { evaluatePythonExpression } from '../python/evaluate-python-expression.js';
import { pyRstrip } from '../python/python-string.js';
import { PyException } from '../python/python-value.js';
import { wikipediaSearchDescription, wikipediaSearchParameters } from '../tools/wikipedia-search.js';
import type { RecordedTurnLike } from './recording-source.js';

const printedSearch = /^print\(\s*wikipedia_search\(\s*(.+?)\s*\)\s*\)$/s;

/** The query of a cell that is exactly `print(wikipedia_search(<string literal>))`. */
function printedQuery(code: string): string | undefined {
  const match = printedSearch.exec(code);
  if (!match) return undefined;
  try {
    const value = evaluatePythonExpression(match[1] as string);
    return value.type === 'str' ? value.value : undefined;
  } catch (error) {
    if (error instanceof PyException) return undefined;
    throw error;
  }
}

/**
 * `wikipedia_search` answered from a recorded MINT run, for offline replays. Results are learned
 * from recorded cells of the form `print(wikipedia_search('…'))`, whose observation is the result
 * (repeated queries are served in recorded order). A query with no recorded result (a cell of
 * another shape, or one whose recorded call failed) raises in the cell and is counted as missing;
 * the episode runner then uses that step's recorded observation instead, marked `recording`.
 */
export function createRecordedWikipediaReplay(turns: readonly RecordedTurnLike[]): MintToolReplay {
  const results = new Map<string, string[]>();
  for (const turn of turns) {
    const parsed = parseMintReply(pyRstrip(turn.reply));
    if (parsed.kind !== 'code' || turn.observation === undefined) continue;
    const query = printedQuery(parsed.code);
    const result = observationOfMintMessage(turn.observation);
    if (query === undefined || result === undefined || result.includes('Traceback (most recent call last)')) continue;
    results.set(query, [...(results.get(query) ?? []), result]);
  }
  const calls = { served: 0, missing: 0 };
  const tool = defineTool({
    name: 'wikipedia_search',
    description: wikipediaSearchDescription,
    parameters: wikipediaSearchParameters,
    returns: 'str',
    execute: async ({ query }) => {
      const queue = results.get(query);
      const result = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (result === undefined) {
        calls.missing += 1;
        throw new Error(
          `wikipedia_search is offline in this replay and the recording has no result for ${JSON.stringify(query)}.`,
        );
      }
      calls.served += 1;
      return result;
    },
  });
  return {
    tools: [tool],
    takeCalls() {
      const taken = { ...calls };
      calls.served = 0;
      calls.missing = 0;
      return taken;
    },
    recordedMessage: (turn) => turns[turn]?.observation,
  };
}
