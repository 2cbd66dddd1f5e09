import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer token and the user it authenticates. */
export type AccessToken = {
  readonly token: string;
  /** Owner of the conversations created with this token. Default `local`. */
  readonly user?: string;
};

/** 256 random bits, URL-safe: the per-launch secret printed at start. */
export function generateAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

type Principal = { user: string; tokenHash: Buffer; sessionValue: Buffer };

/**
 * Checks access tokens and session cookies. Only hashes of the tokens are kept. The session cookie
 * is an HMAC of the token hash, so it stays valid across restarts with the same token and becomes
 * invalid when the token changes.
 */
export class AccessControl {
  private readonly principals: Principal[];

  constructor(tokens: readonly AccessToken[]) {
    if (tokens.length === 0) throw new Error('AccessControl needs at least one token');
    this.principals = tokens.map(({ token, user }) => {
      if (token.length < 16) throw new Error('access tokens must have at least 16 characters');
      const tokenHash = sha256(token);
      const sessionValue = createHmac('sha256', tokenHash).update('codeact-session-v1').digest();
      return { user: user ?? 'local', tokenHash, sessionValue };
    });
  }

  /** The user a bearer token belongs to. */
  userForToken(token: string): string | undefined {
    const hash = sha256(token);
    return this.principals.find((principal) => timingSafeEqual(principal.tokenHash, hash))?.user;
  }

  /** The cookie value that stands for the token's user in a browser. */
  sessionFor(token: string): string | undefined {
    const hash = sha256(token);
    return this.principals
      .find((principal) => timingSafeEqual(principal.tokenHash, hash))
      ?.sessionValue.toString('base64url');
  }

  userForSession(value: string): string | undefined {
    const given = Buffer.from(value, 'base64url');
    if (given.length !== 32) return undefined;
    return this.principals.find((principal) => timingSafeEqual(principal.sessionValue, given))?.user;
  }
}
