import {
  PyDict,
  PyException,
  type PyValue,
  pyEquals,
  pyNone,
  pyRaise,
  pyStr,
  pyStrftime,
  pyStrptime,
  pythonStr,
  pyZfill,
  requireStr,
} from '@codeact/mint';
import { outputAndException, sameNormalised } from './api-checks.js';
import { type ApiDefinition, apiResult, asDict, getItem, path, runApi } from './api-definition.js';
import { calculate } from './calculator.js';
import { dateFormat } from './format-check.js';
import { Bm25Okapi, topDocuments, wordTokenize } from './search-engine.js';
import { strLower, strStrip } from './str-methods.js';

const getToday: ApiDefinition = {
  name: 'GetToday',
  parameters: [],
  call() {
    return apiResult(this.name, pyNone, pyStr('2023-03-31'), null);
  },
  check(response) {
    return (
      path(response, 'output').type !== 'none' &&
      path(response, 'exception').type === 'none' &&
      path(response, 'input').type === 'none'
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
  const parts = strStrip(value).split('-');
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
      if (history.type !== 'list') return pyRaise("'dict' object has no attribute '__getitem__'", 'TypeError');
      const field = (item: PyValue, key: string) => strStrip(getItem(item, key));
      return {
        type: 'list',
        items: history.items.map((item) =>
          pyStr(
            `Title: ${field(item, 'Title')}, Date: ${field(item, 'Date')}, Description: ${field(item, 'Description')}`,
          ),
        ),
      };
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
      const keyword = strLower(strStrip(requireStr(get('keyword'), 'replace').replaceAll('_', ' ')));
      const database = asDict(context.database('Wiki.json'));
      if (!database.has(keyword)) pyRaise('Keyword not found.');
      const page = getItem(database, keyword);
      return new PyDict([
        ['url', getItem(page, 'url')],
        ['summary', getItem(page, 'summary')],
      ]);
    });
  },
  check: outputAndException,
};

const bm25Cache = new WeakMap<object, Bm25Okapi>();

/** The items of a list in a database file (`[]` for anything else, as the file always holds lists). */
const itemsOf = (value: PyValue): readonly PyValue[] => (value.type === 'list' ? value.items : []);

const searchEngine: ApiDefinition = {
  name: 'SearchEngine',
  parameters: ['keyword'],
  call(args, context) {
    const database = asDict(context.database('SearchEngine.json'));
    const corpus = getItem(database, 'tokenized_documents');
    let bm25 = bm25Cache.get(corpus);
    if (!bm25) {
      bm25 = new Bm25Okapi(itemsOf(corpus).map((document) => itemsOf(document).map(pythonStr)));
      bm25Cache.set(corpus, bm25);
    }
    const index = bm25;
    return runApi(this.name, this.parameters, args, (get) => {
      const query = wordTokenize(strStrip(strLower(get('keyword'))));
      const documents = itemsOf(getItem(database, 'raw_documents'));
      return { type: 'list', items: topDocuments(index.scores(query), 2).map((rank) => documents[rank] ?? pyNone) };
    });
  },
  check(response, groundTruth) {
    if (!pyEquals(path(response, 'api_name'), path(groundTruth, 'api_name'))) return false;
    if (!pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))) return false;
    const sorted = (output: PyValue): PyValue => {
      if (output.type !== 'list') throw new PyException('TypeError', "'NoneType' object is not iterable");
      const key = (item: PyValue) =>
        requireStr(getItem(item, 'title'), '__add__') + requireStr(getItem(item, 'abstract'), '__add__');
      return {
        type: 'list',
        items: [...output.items].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0)),
      };
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
      const input = new PyDict();
      for (const parameter of parameters) if (args.has(parameter)) input.set(parameter, args.get(parameter) ?? pyNone);
      return apiResult(name, input, pyNone, `${name} needs a live web service; network access is disabled.`);
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
  if (container.type === 'list') return container.items.some((item) => pyEquals(item, needle));
  if (container.type === 'dict') return container.has(needle);
  if (container.type === 'str' && needle.type === 'str') return container.value.includes(needle.value);
  throw new PyException('TypeError', 'argument is not iterable');
}

const documentQA: ApiDefinition = {
  name: 'DocumentQA',
  parameters: ['url', 'question'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const url = strStrip(get('url'));
      const question = strStrip(get('question'));
      if (question === '') pyRaise('The question is empty.');
      const database = asDict(context.database('QuestionAnswering.json'));
      if (!database.has(url)) pyRaise('The document of this url failed to be processed.');
      const answers = getItem(database, url);
      if (!containsValue(answers, pyStr(question))) return pyStr('The question is too difficult to answer.');
      return getItem(answers, question);
    });
  },
  check(response, groundTruth) {
    return (
      strStrip(path(response, 'input', 'url')) === strStrip(path(groundTruth, 'input', 'url')) &&
      strStrip(path(response, 'input', 'question')) === strStrip(path(groundTruth, 'input', 'question')) &&
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
