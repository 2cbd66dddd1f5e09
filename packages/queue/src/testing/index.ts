export { startTemporaryRedis, type TemporaryRedis } from './start-temporary-redis.js';
