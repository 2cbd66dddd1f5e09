import { pyRaise } from '../python/py-exception.js';
import { isDict, type PyDict, type PyValue, pyEquals } from '../python/py-value.js';
import {
  type ApiContext,
  type ApiDefinition,
  apiResult,
  asDict,
  exceptionText,
  fullEquality,
  getItem,
  hashKey,
  hasKey,
  path,
  runApi,
} from './api-definition.js';

const accounts = (context: ApiContext) => asDict(context.database('Account.json'));

/** Upstream's CheckToken: scans Account.json for the token's owner. */
export function checkToken(database: PyDict, token: PyValue): string {
  for (const [username, user] of database) {
    if (pyEquals(getItem(user, 'token'), token)) return String(username);
  }
  return pyRaise('The token is invalid.');
}

const getUserToken: ApiDefinition = {
  name: 'GetUserToken',
  parameters: ['username', 'password'],
  call(args, context) {
    const result = runApi(this.name, this.parameters, args, (get) => {
      const database = accounts(context);
      if (!hasKey(database, get('username'))) pyRaise('The username does not exist.');
      const user = getItem(database, hashKey(get('username')));
      if (!pyEquals(getItem(user, 'password'), get('password'))) pyRaise('The password is incorrect.');
      return new Map([['token', getItem(user, 'token')]]);
    });
    return result;
  },
  check: fullEquality,
};

const tokenCharacters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const registerUser: ApiDefinition = {
  name: 'RegisterUser',
  parameters: ['username', 'password', 'email'],
  call(args, context) {
    return runApi(
      this.name,
      this.parameters,
      args,
      (get) => {
        const database = accounts(context);
        if (hasKey(database, get('username'))) pyRaise('The username already exists.');
        let token = '';
        for (let index = 0; index < 18; index++) {
          token += tokenCharacters[Math.floor(context.random() * tokenCharacters.length)];
        }
        token = token.toLowerCase();
        database.set(
          hashKey(get('username')),
          new Map<string, PyValue>([
            ['password', get('password')],
            ['token', token],
            ['email', get('email')],
          ]),
        );
        return new Map([['token', token]]);
      },
      { withApiName: false },
    );
  },
  check(response, groundTruth) {
    if (path(groundTruth, 'output') === null && path(response, 'output') !== null) return false;
    return (
      pyEquals(path(response, 'input'), path(groundTruth, 'input')) &&
      pyEquals(path(response, 'exception'), path(groundTruth, 'exception'))
    );
  },
};

const deleteAccount: ApiDefinition = {
  name: 'DeleteAccount',
  parameters: ['token'],
  call(args, context) {
    return runApi(
      this.name,
      this.parameters,
      args,
      (get) => {
        context.checkToken(get('token'));
        const username = context.checkToken(get('token'));
        const database = accounts(context);
        if (!database.has(username)) pyRaise('No such user.');
        database.delete(username);
        return new Map([['status', 'success']]);
      },
      { withApiName: false },
    );
  },
  check: fullEquality,
};

const modifyPassword: ApiDefinition = {
  name: 'ModifyPassword',
  parameters: ['token', 'old_password', 'new_password'],
  call(args, context) {
    return runApi(this.name, this.parameters, args, (get) => {
      const username = context.checkToken(get('token'));
      const user = getItem(accounts(context), username);
      if (!pyEquals(getItem(user, 'password'), get('old_password'))) pyRaise('The old password is incorrect.');
      if (isDict(user)) user.set('password', get('new_password'));
      return new Map([['status', 'success']]);
    });
  },
  check: fullEquality,
};

/** Two calls: `Forgot Password` stores code 970420 on the tool, `Verification Code` uses it. */
const forgotPassword: ApiDefinition = {
  name: 'ForgotPassword',
  parameters: ['status', 'username', 'email', 'verification_code', 'new_password'],
  optional: ['username', 'email', 'verification_code', 'new_password'],
  call(args, context) {
    const status = args.get('status') ?? null;
    const input: PyDict = new Map([['status', status]]);
    for (const [key, value] of args) if (key !== 'status') input.set(key, value);
    const state = context.state(this.name);
    try {
      const database = accounts(context);
      let output: PyValue;
      if (pyEquals(status, 'Forgot Password')) {
        if (!args.has('username') || !args.has('email')) {
          pyRaise('The username and email are required for the first call.');
        }
        const username = args.get('username') ?? null;
        if (!hasKey(database, username)) pyRaise('The username does not exist.');
        if (!pyEquals(getItem(getItem(database, hashKey(username)), 'email'), args.get('email') ?? null)) {
          pyRaise('The email is incorrect.');
        }
        state.set('verification_code', 970420);
        state.set('username', username);
        output = 970420;
      } else if (pyEquals(status, 'Verification Code')) {
        if (!state.get('verification_code')) {
          pyRaise("You need to call the API with status 'Forgot Password' at first.");
        }
        if (!args.has('new_password') || !args.has('verification_code')) {
          pyRaise('The new password and verification code are required for the second call.');
        }
        if (!pyEquals(state.get('verification_code') ?? null, args.get('verification_code') ?? null)) {
          pyRaise('The verification code is incorrect.');
        }
        const user = getItem(database, hashKey(state.get('username') ?? null));
        if (isDict(user)) user.set('password', args.get('new_password') ?? null);
        output = 'success';
      } else {
        pyRaise("The status is only 'Forgot Password' or 'Verification Code'.");
      }
      return apiResult(undefined, input, output, null);
    } catch (error) {
      return apiResult(undefined, input, null, exceptionText(error));
    }
  },
  check: fullEquality,
};

export const accountApis: readonly ApiDefinition[] = [
  getUserToken,
  registerUser,
  deleteAccount,
  modifyPassword,
  forgotPassword,
];
