import { PyDict, type PyValue, pyEquals, pyInt, pyNone, pyRaise, pyStr, pythonStr } from '@codeact/mint';
import { fullEquality } from './api-checks.js';
import {
  type ApiContext,
  type ApiDefinition,
  apiResult,
  asDict,
  exceptionText,
  getItem,
  path,
  runApi,
  success,
} from './api-definition.js';

const accounts = (context: ApiContext) => asDict(context.database('Account.json'));

/** Upstream's CheckToken: scans Account.json for the token's owner. */
export function checkToken(database: PyDict, token: PyValue): string {
  for (const [username, user] of database) {
    if (pyEquals(getItem(user, 'token'), token)) return pythonStr(username);
  }
  return pyRaise('The token is invalid.');
}

const getUserToken: ApiDefinition = {
  name: 'GetUserToken',
  parameters: ['username', 'password'],
  call(args, context) {
    const result = runApi(this.name, this.parameters, args, (get) => {
      const database = accounts(context);
      if (!database.has(get('username'))) pyRaise('The username does not exist.');
      const user = getItem(database, get('username'));
      if (!pyEquals(getItem(user, 'password'), get('password'))) pyRaise('The password is incorrect.');
      return new PyDict([['token', getItem(user, 'token')]]);
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
        if (database.has(get('username'))) pyRaise('The username already exists.');
        let token = '';
        for (let index = 0; index < 18; index++) {
          token += tokenCharacters[Math.floor(context.random() * tokenCharacters.length)];
        }
        token = token.toLowerCase();
        database.set(
          get('username'),
          new PyDict([
            ['password', get('password')],
            ['token', pyStr(token)],
            ['email', get('email')],
          ]),
        );
        return new PyDict([['token', pyStr(token)]]);
      },
      { withApiName: false },
    );
  },
  check(response, groundTruth) {
    if (path(groundTruth, 'output').type === 'none' && path(response, 'output').type !== 'none') return false;
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
        return new PyDict([['status', success]]);
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
      if (user.type === 'dict') user.set('password', get('new_password'));
      return new PyDict([['status', success]]);
    });
  },
  check: fullEquality,
};

const verificationCode = pyInt(970420);

/** Two calls: `Forgot Password` stores code 970420 on the tool, `Verification Code` uses it. */
const forgotPassword: ApiDefinition = {
  name: 'ForgotPassword',
  parameters: ['status', 'username', 'email', 'verification_code', 'new_password'],
  optional: ['username', 'email', 'verification_code', 'new_password'],
  call(args, context) {
    const status = args.get('status') ?? pyNone;
    const input = new PyDict([['status', status]]);
    for (const [key, value] of args) if (key !== 'status') input.set(key, value);
    const state = context.state(this.name);
    try {
      const database = accounts(context);
      let output: PyValue;
      if (pyEquals(status, pyStr('Forgot Password'))) {
        if (!args.has('username') || !args.has('email')) {
          pyRaise('The username and email are required for the first call.');
        }
        const username = args.get('username') ?? pyNone;
        if (!database.has(username)) pyRaise('The username does not exist.');
        if (!pyEquals(getItem(getItem(database, username), 'email'), args.get('email') ?? pyNone)) {
          pyRaise('The email is incorrect.');
        }
        state.set('verification_code', verificationCode);
        state.set('username', username);
        output = verificationCode;
      } else if (pyEquals(status, pyStr('Verification Code'))) {
        if (!state.get('verification_code')) {
          pyRaise("You need to call the API with status 'Forgot Password' at first.");
        }
        if (!args.has('new_password') || !args.has('verification_code')) {
          pyRaise('The new password and verification code are required for the second call.');
        }
        if (!pyEquals(state.get('verification_code') ?? pyNone, args.get('verification_code') ?? pyNone)) {
          pyRaise('The verification code is incorrect.');
        }
        const user = getItem(database, state.get('username') ?? pyNone);
        if (user.type === 'dict') user.set('password', args.get('new_password') ?? pyNone);
        output = success;
      } else {
        pyRaise("The status is only 'Forgot Password' or 'Verification Code'.");
      }
      return apiResult(undefined, input, output, null);
    } catch (error) {
      return apiResult(undefined, input, pyNone, exceptionText(error));
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
