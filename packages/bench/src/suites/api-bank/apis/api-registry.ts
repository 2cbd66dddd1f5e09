import { accountApis } from './account-apis.js';
import { agendaApis } from './agenda-apis.js';
import { alarmApis } from './alarm-apis.js';
import type { ApiDefinition } from './api-definition.js';
import { financeApis } from './finance-apis.js';
import { healthApis } from './health-apis.js';
import { hospitalApis } from './hospital-apis.js';
import { informationApis } from './information-apis.js';
import { meetingApis } from './meeting-apis.js';
import { reminderApis } from './reminder-apis.js';
import { smartHomeApis } from './smart-home-apis.js';
import { travelApis } from './travel-apis.js';
import { utilityApis } from './utility-apis.js';

/** The 49 APIs the level-1 instances call, by name. */
export const apiDefinitions: ReadonlyMap<string, ApiDefinition> = new Map(
  [
    ...accountApis,
    ...agendaApis,
    ...alarmApis,
    ...reminderApis,
    ...meetingApis,
    ...hospitalApis,
    ...healthApis,
    ...financeApis,
    ...smartHomeApis,
    ...informationApis,
    ...utilityApis,
    ...travelApis,
  ].map((api) => [api.name, api]),
);
