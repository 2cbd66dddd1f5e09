/**
 * NLTK's `word_tokenize` (the NLTKWordTokenizer rules, without Punkt sentence splitting, which
 * rarely matters for a short lower-cased query).
 */
export function wordTokenize(text: string): string[] {
  const rules: [RegExp, string][] = [
    [/([«“‘„]|[`]+)/gu, ' $1 '],
    [/^"/g, '``'],
    [/(``)/g, ' $1 '],
    [/([ ([{<])("|'{2})/g, '$1 `` '],
    [/(')(?!re|ve|ll|m|t|s|d|n)([\p{L}\p{N}_])(?![\p{L}\p{N}_])/giu, '$1 $2'],
    [/([^.])(\.)([\])}>"']*)\s*$/gu, '$1 $2 $3 '],
    [/([:,])([^\d])/g, ' $1 $2'],
    [/([:,])$/g, ' $1 '],
    [/\.{2,}/gu, ' $& '],
    [/[;@#$%&]/g, ' $& '],
    [/([^.])(\.)([\])}>"']*)\s*$/g, '$1 $2$3 '],
    [/[?!]/g, ' $& '],
    [/([^'])' /g, "$1 ' "],
    [/[*]/gu, ' $& '],
    [/[\][(){}<>]/g, ' $& '],
    [/--/g, ' -- '],
  ];
  let result = text;
  for (const [pattern, replacement] of rules) result = result.replace(pattern, replacement);
  result = ` ${result} `;
  const endings: [RegExp, string][] = [
    [/([»”’])/gu, ' $1 '],
    [/''/g, " '' "],
    [/"/g, " '' "],
    [/([^' ])('[sS]|'[mM]|'[dD]|') /g, '$1 $2 '],
    [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /g, '$1 $2 '],
    [/\b(can)(not)\b/gi, ' $1 $2 '],
    [/\b(d)('ye)\b/gi, ' $1 $2 '],
    [/\b(gim)(me)\b/gi, ' $1 $2 '],
    [/\b(gon)(na)\b/gi, ' $1 $2 '],
    [/\b(got)(ta)\b/gi, ' $1 $2 '],
    [/\b(lem)(me)\b/gi, ' $1 $2 '],
    [/\b(more)('n)\b/gi, ' $1 $2 '],
    [/\b(wan)(na)(?=\s)/gi, ' $1 $2 '],
    [/ ('t)(is)\b/gi, ' $1 $2 '],
    [/ ('t)(was)\b/gi, ' $1 $2 '],
  ];
  for (const [pattern, replacement] of endings) result = result.replace(pattern, replacement);
  return result.split(/\s+/u).filter((token) => token !== '');
}

/** rank_bm25's BM25Okapi (k1 1.5, b 0.75, epsilon 0.25), computed in the same operation order. */
export class Bm25Okapi {
  private readonly documentFrequencies: Map<string, number>[] = [];
  private readonly documentLengths: number[] = [];
  private readonly idf = new Map<string, number>();
  private readonly averageLength: number;
  private readonly k1 = 1.5;
  private readonly b = 0.75;

  constructor(corpus: readonly (readonly string[])[]) {
    const documentsWithWord = new Map<string, number>();
    let totalLength = 0;
    for (const document of corpus) {
      this.documentLengths.push(document.length);
      totalLength += document.length;
      const frequencies = new Map<string, number>();
      for (const word of document) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
      this.documentFrequencies.push(frequencies);
      for (const word of frequencies.keys()) documentsWithWord.set(word, (documentsWithWord.get(word) ?? 0) + 1);
    }
    this.averageLength = totalLength / corpus.length;
    let idfSum = 0;
    const negative: string[] = [];
    for (const [word, frequency] of documentsWithWord) {
      const idf = Math.log(corpus.length - frequency + 0.5) - Math.log(frequency + 0.5);
      this.idf.set(word, idf);
      idfSum += idf;
      if (idf < 0) negative.push(word);
    }
    const epsilon = 0.25 * (idfSum / this.idf.size);
    for (const word of negative) this.idf.set(word, epsilon);
  }

  scores(query: readonly string[]): number[] {
    const scores = this.documentLengths.map(() => 0);
    for (const word of query) {
      const idf = this.idf.get(word) || 0;
      this.documentFrequencies.forEach((frequencies, index) => {
        const frequency = frequencies.get(word) || 0;
        const length = this.documentLengths[index] as number;
        const norm = frequency + this.k1 * (1 - this.b + (this.b * length) / this.averageLength);
        scores[index] = (scores[index] as number) + idf * ((frequency * (this.k1 + 1)) / norm);
      });
    }
    return scores;
  }
}

/** Indices of the `count` best documents, best first (ties keep document order). */
export function topDocuments(scores: readonly number[], count: number): number[] {
  return scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .map(({ index }) => index);
}
