import { CodeActError } from './codeact-error.js';

/** The model provider failed: network, authentication, rate limit or server error. */
export class ModelCallError extends CodeActError {
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  readonly responseBody: string | undefined;

  constructor(options: {
    message: string;
    statusCode?: number | undefined;
    isRetryable?: boolean;
    responseBody?: string | undefined;
    cause?: unknown;
  }) {
    super({ code: 'MODEL_CALL', message: options.message, cause: options.cause });
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable ?? false;
    this.responseBody = options.responseBody;
  }
}
