import { accountApis } from './account-apis.js';
import type { ApiDefinition } from './api-definition.js';
import { financeApis } from './finance-apis.js';
import { healthApis } from './health-apis.js';
import { hospitalApis } from './hospital-apis.js';
import { informationApis } from './information-apis.js';
import { meetingApis } from './meeting-apis.js';
import { scheduleApis } from './schedule-apis.js';
import { smartHomeApis } from './smart-home-apis.js';

/** The 49 APIs the level-1 instances call, by name. */
export const apiDefinitions: ReadonlyMap<string, ApiDefinition> = new Map(
  [
    ...accountApis,
    ...scheduleApis,
    ...meetingApis,
    ...hospitalApis,
    ...healthApis,
    ...financeApis,
    ...smartHomeApis,
    ...informationApis,
  ].map((api) => [api.name, api]),
);
