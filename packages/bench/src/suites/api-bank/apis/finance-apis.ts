import { PyDict, type PyValue, pyEquals, pyInt, pyRaise, pyStr } from '@codeact/mint';
import { fullEquality, outputAndException, sameNormalised } from './api-checks.js';
import { type ApiDefinition, asDict, getItem, path, runApi, success } from './api-definition.js';
import { dateFormat, formatCheck, raiseIfError } from './format-check.js';
import { strStrip, strUpper } from './str-methods.js';

const queryBalance: ApiDefinition = {
  name: 'QueryBalance',
  parameters: ['token'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      let username: string;
      try {
        strStrip(get('token'));
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
      strStrip(path(response, 'input', 'token')) === strStrip(path(groundTruth, 'input', 'token')) &&
      outputAndException(response, groundTruth)
    );
  },
};

/** QueryStock's `format_check`: the code upper-cased and stripped (None when empty), the date normalised. */
function stockFormatCheck(code: PyValue, date: PyValue) {
  const stockCode = strStrip(strUpper(code));
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
      outputAndException(response, groundTruth)
    );
  },
};

/** OpenBankAccount keeps its own hard-coded table instead of a database file. */
const openBankAccount: ApiDefinition = {
  name: 'OpenBankAccount',
  parameters: ['account', 'password', 'name'],
  call(args, context) {
    const state = context.state(this.name);
    let table = state.get('database');
    if (table?.type !== 'dict') {
      table = new PyDict([
        [
          pyInt(0),
          new PyDict([
            ['account', pyStr('test')],
            ['password', pyStr('test')],
            ['name', pyStr('yifei')],
          ]),
        ],
      ]);
      state.set('database', table);
    }
    const database = table;
    return runApi(this.name, this.parameters, args, (get) => {
      for (const record of database.values()) {
        if (pyEquals(getItem(record, 'account'), get('account'))) return pyStr('failed');
      }
      database.set(
        pyInt(database.size + 1),
        new PyDict([
          ['account', get('account')],
          ['password', get('password')],
          ['name', get('name')],
        ]),
      );
      return success;
    });
  },
  check: fullEquality,
};

export const financeApis: readonly ApiDefinition[] = [queryBalance, queryStock, openBankAccount];
