import type { Conversation, Trajectory } from '@codeact/core';
import type { ServerEvent } from '../server-types.js';
import type { ConversationLimits, ConversationServiceOptions } from './conversation-options.js';
import type { LiveConversation } from './live-conversation.js';
import type { LiveConversations } from './live-conversations.js';
import type { ReplayPlan } from './replay-plan.js';

/** What the parts of the conversation service share: settings, live state and store access. */
export type ConversationContext = {
  readonly options: ConversationServiceOptions;
  readonly limits: ConversationLimits;
  readonly lives: LiveConversations;
  /** The conversation if `owner` owns it. */
  get(owner: string, id: string): Promise<Conversation | undefined>;
  /** The conversation's runs, oldest first. */
  trajectories(owner: string, id: string): Promise<Trajectory[]>;
  /** Where the conversation's files live on the host. */
  workDir(id: string): string;
  /** Where the packages installed for the conversation live on the host (outside its work dir). */
  siteDir(id: string): string;
  /** The earlier actions a fresh interpreter would re-run. */
  plan(trajectories: readonly Trajectory[]): ReplayPlan;
  publish(live: LiveConversation, event: ServerEvent): void;
};
