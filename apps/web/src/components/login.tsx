import { type ReactNode, useState } from 'react';
import { login } from '../api.js';

/** Asks for the access token printed by `codeact serve` when the page was opened without it. */
export function Login({ onLogin }: { readonly onLogin: () => void }): ReactNode {
  const [token, setToken] = useState('');
  const [failed, setFailed] = useState(false);
  return (
    <main className="login">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (await login(token.trim())) onLogin();
          else setFailed(true);
        }}
      >
        <h1>codeact</h1>
        <p>
          Paste the access token that <code>codeact serve</code> printed when it started.
        </p>
        <input
          type="password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          autoComplete="off"
          data-testid="token-input"
        />
        <button type="submit" className="primary">
          Sign in
        </button>
        {failed && <p className="notice warn">That token was not accepted.</p>}
      </form>
    </main>
  );
}
