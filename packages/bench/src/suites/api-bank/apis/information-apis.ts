import { pyStrftime, pyStrptime } from '../python/py-datetime.js';
import { PyException, pyRaise } from '../python/py-exception.js';
import { pyLower, pyStrip, pyZfill, requireStr } from '../python/py-string.js';
import { isDict, isList, type PyDict, type PyValue, pyEquals } from '../python/py-value.js';
import {
  type ApiDefinition,
  apiResult,
  asDict,
  getItem,
  hasKey,
  outputAndException,
  path,
  runApi,
  sameNormalised,
} from './api-definition.js';
import { calculate } from './calculator.js';
import { dateFormat } from './format-check.js';
import { Bm25Okapi, topDocuments, wordTokenize } from './search-engine.js';

const getToday: ApiDefinition = {
  name: 'GetToday',
  parameters: [],
  call() {
    return apiResult(this.name, null, '2023-03-31', null);
  },
  check(response) {
    return (
      path(response, 'output') !== null && path(response, 'exception') === null && path(response, 'input') === null
    );
  },
};

const calculator: ApiDefinition = {
  name: 'Calculator',
  parameters: ['formula'],
  call(args) {
    return runApi(this.name, this.parameters, args, (get) =>
      calculate(requireStr(get('formula'), 'replace').replaceAll(' ', '')),
    );
  },
  check(response, groundTruth) {
    const formula = (result: PyDict) => requireStr(path(result, 'input', 'formula'), 'replace').replaceAll(' ', '');
    return formula(response) === formula(groundTruth) && outputAndException(response, groundTruth);
  },
};

/** QueryHistoryToday's `filter_date_format`: `%Y-%m-%d` or `%m-%d`, reduced to `MM-DD`. */
function historyDate(value: PyValue): string | PyException {
  const parts = pyStrip(value).split('-');
  if (parts.length === 3 && (parts[0] as string).length !== 4) parts[0] = pyZfill(parts[0] as string, 4);
  const date = parts.join('-');
  for (const format of [dateFormat, '%m-%d']) {
    try {
      return pyStrftime(pyStrptime(date, format), '%m-%d');
    } catch (error) {
      if (!(error instanceof PyException)) throw error;
      if (format === '%m-%d') return error;
    }
  }
  return new PyException('ValueError', 'unreachable');
}

const queryHistoryToday: ApiDefinition = {
  name: 'QueryHistoryToday',
  parameters: ['date'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const date = historyDate(get('date'));
      if (date instanceof PyException) throw date;
      const database = asDict(context.database('History.json'));
      if (!database.has(date)) pyRaise('The date is not in the database.');
      const history = getItem(database, date);
      if (!isList(history)) return pyRaise("'dict' object has no attribute '__getitem__'", 'TypeError');
      return history.map(
        (item) =>
          `Title: ${pyStrip(getItem(item, 'Title'))}, Date: ${pyStrip(getItem(item, 'Date'))}, Description: ${pyStrip(getItem(item, 'Description'))}`,
      );
    });
  },
  check(response, groundTruth) {
    return (
      sameNormalised(historyDate(path(response, 'input', 'date')), historyDate(path(groundTruth, 'input', 'date'))) &&
      outputAndException(response, groundTruth)
    );
  },
};

const wiki: ApiDefinition = {
  name: 'Wiki',
  parameters: ['keyword'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const keyword = pyLower(pyStrip(requireStr(get('keyword'), 'replace').replaceAll('_', ' ')));
      const database = asDict(context.database('Wiki.json'));
      if (!database.has(keyword)) pyRaise('Keyword not found.');
      const page = getItem(database, keyword);
      return new Map<string, PyValue>([
        ['url', getItem(page, 'url')],
        ['summary', getItem(page, 'summary')],
      ]);
    });
  },
  check: outputAndException,
};

const bm25Cache = new WeakMap<object, Bm25Okapi>();

const searchEngine: ApiDefinition = {
  name: 'SearchEngine',
  parameters: ['keyword'],
  call(args, context) {
    const database = asDict(context.database('SearchEngine.json'));
    const corpus = getItem(database, 'tokenized_documents') as PyValue[];
    let bm25 = bm25Cache.get(corpus);
    if (!bm25) {
      bm25 = new Bm25Okapi(corpus.map((document) => (document as PyValue[]).map(String)));
      bm25Cache.set(corpus, bm25);
    }
    const index = bm25;
    return runApi(this.name, this.parameters, args, (get) => {
      const query = wordTokenize(pyStrip(pyLower(get('keyword'))));
      const documents = getItem(database, 'raw_documents') as PyValue[];
      return topDocuments(index.scores(query), 2).map((rank) => documents[rank] as PyValue);
    });
  },
  check(response, groundTruth) {
    if (!pyEquals(path(response, 'api_name'), path(groundTruth, 'api_name'))) return false;
    if (!pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))) return false;
    const sorted = (output: PyValue) => {
      if (!isList(output)) throw new PyException('TypeError', "'NoneType' object is not iterable");
      const key = (item: PyValue) =>
        requireStr(getItem(item, 'title'), '__add__') + requireStr(getItem(item, 'abstract'), '__add__');
      return [...output].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
    };
    return pyEquals(sorted(path(response, 'output')), sorted(path(groundTruth, 'output')));
  },
};

/** The live-service APIs: offline here, so every call fails the way a failed request does upstream. */
function offline(name: string, parameters: string[], optional: string[] = []): ApiDefinition {
  return {
    name,
    parameters,
    optional,
    call(args) {
      const input: PyDict = new Map();
      for (const parameter of parameters) if (args.has(parameter)) input.set(parameter, args.get(parameter) ?? null);
      return apiResult(name, input, null, `${name} needs a live web service; network access is disabled.`);
    },
    check: outputAndException,
  };
}

const dictionary = offline('Dictionary', ['keyword']);
const translate: ApiDefinition = {
  ...offline('Translate', ['src', 'src_lang', 'tgt_lang'], ['src_lang', 'tgt_lang']),
  check(response, groundTruth) {
    return (
      pyEquals(path(response, 'input', 'src'), path(groundTruth, 'input', 'src')) &&
      outputAndException(response, groundTruth)
    );
  },
};

/** `needle in container` for a list or dict (DocumentQA's lookup tests a string against dicts). */
function containsValue(container: PyValue, needle: PyValue): boolean {
  if (isList(container)) return container.some((item) => pyEquals(item, needle));
  if (isDict(container)) return hasKey(container, needle);
  if (typeof container === 'string' && typeof needle === 'string') return container.includes(needle);
  throw new PyException('TypeError', 'argument is not iterable');
}

const documentQA: ApiDefinition = {
  name: 'DocumentQA',
  parameters: ['url', 'question'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const url = pyStrip(get('url'));
      const question = pyStrip(get('question'));
      if (question === '') pyRaise('The question is empty.');
      const database = asDict(context.database('QuestionAnswering.json'));
      if (!database.has(url)) pyRaise('The document of this url failed to be processed.');
      const answers = getItem(database, url);
      if (!containsValue(answers, question)) return 'The question is too difficult to answer.';
      return getItem(answers, question);
    });
  },
  check(response, groundTruth) {
    return (
      pyStrip(path(response, 'input', 'url')) === pyStrip(path(groundTruth, 'input', 'url')) &&
      pyStrip(path(response, 'input', 'question')) === pyStrip(path(groundTruth, 'input', 'question')) &&
      outputAndException(response, groundTruth)
    );
  },
};

export const informationApis: readonly ApiDefinition[] = [
  getToday,
  calculator,
  queryHistoryToday,
  wiki,
  searchEngine,
  dictionary,
  translate,
  documentQA,
];
