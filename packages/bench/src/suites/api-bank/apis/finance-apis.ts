import { pyRaise } from '../python/py-exception.js';
import { pyStrip, pyUpper } from '../python/py-string.js';
import { type PyDict, type PyValue, pyEquals } from '../python/py-value.js';
import { type ApiDefinition, asDict, fullEquality, getItem, path, runApi, sameNormalised } from './api-definition.js';
import { dateFormat, formatCheck, raiseIfError } from './format-check.js';

const queryBalance: ApiDefinition = {
  name: 'QueryBalance',
  parameters: ['token'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      let username: string;
      try {
        pyStrip(get('token'));
        username = context.checkToken(get('token'));
      } catch {
        return pyRaise('The token is incorrect.');
      }
      const database = asDict(context.database('Bank.json'));
      if (!database.has(username)) pyRaise('The user does not have an account.');
      return getItem(getItem(database, username), 'balance');
    });
  },
  check(response, groundTruth) {
    return (
      pyStrip(path(response, 'input', 'token')) === pyStrip(path(groundTruth, 'input', 'token')) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

/** QueryStock's `format_check`: the code upper-cased and stripped (None when empty), the date normalised. */
function stockFormatCheck(code: PyValue, date: PyValue) {
  const stockCode = pyStrip(pyUpper(code));
  return { code: stockCode === '' ? null : stockCode, date: formatCheck(date, dateFormat) };
}

const queryStock: ApiDefinition = {
  name: 'QueryStock',
  parameters: ['stock_code', 'date'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const checked = stockFormatCheck(get('stock_code'), get('date'));
      if (checked.code === null) return pyRaise('The stock code cannot be empty.');
      const date = raiseIfError(checked.date);
      const database = asDict(context.database('Stock.json'));
      if (!database.has(checked.code)) pyRaise('The stock code does not exist.');
      const prices = asDict(getItem(database, checked.code));
      if (!prices.has(date)) pyRaise('The stock price of this date is not maintained.');
      return getItem(prices, date);
    });
  },
  check(response, groundTruth) {
    const actual = stockFormatCheck(path(response, 'input', 'stock_code'), path(response, 'input', 'date'));
    const expected = stockFormatCheck(path(groundTruth, 'input', 'stock_code'), path(groundTruth, 'input', 'date'));
    return (
      actual.code === expected.code &&
      sameNormalised(actual.date, expected.date) &&
      pyEquals(path(response, 'output'), path(groundTruth, 'output')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

/** OpenBankAccount keeps its own hard-coded table instead of a database file. */
const openBankAccount: ApiDefinition = {
  name: 'OpenBankAccount',
  parameters: ['account', 'password', 'name'],
  call(args, context) {
    const state = context.state(this.name);
    let table = state.get('database') as PyDict | undefined;
    if (!table) {
      table = new Map<number, PyValue>([
        [
          0,
          new Map<string, PyValue>([
            ['account', 'test'],
            ['password', 'test'],
            ['name', 'yifei'],
          ]),
        ],
      ]);
      state.set('database', table);
    }
    const database = table;
    return runApi(this.name, this.parameters, args, (get) => {
      for (const record of database.values()) if (pyEquals(getItem(record, 'account'), get('account'))) return 'failed';
      database.set(
        database.size + 1,
        new Map<string, PyValue>([
          ['account', get('account')],
          ['password', get('password')],
          ['name', get('name')],
        ]),
      );
      return 'success';
    });
  },
  check: fullEquality,
};

export const financeApis: readonly ApiDefinition[] = [queryBalance, queryStock, openBankAccount];
