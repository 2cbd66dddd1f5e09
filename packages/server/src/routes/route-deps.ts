import type { ConversationService } from '../conversations/conversation-service.js';
import type { Logger } from '../logging/logger.js';
import type { AccessControl } from '../security/access-control.js';
import type { RateLimiter } from '../security/rate-limiter.js';
import type { ServerLimits, ServerOptions } from '../server-options.js';

/** What the route modules are built from (one instance per server). */
export type RouteDeps = {
  readonly service: ConversationService;
  readonly options: ServerOptions;
  readonly limits: ServerLimits;
  readonly access: AccessControl;
  readonly logger: Logger;
  /** Login attempts per client address (shared by the login route and wrong bearer tokens). */
  readonly loginLimiter: RateLimiter;
};
