import { claimTeamsActivity, findTeamsThread, forgetTeamsThread, pruneTeamsActivities, saveTeamsThread } from '../../db/repos/teams.ts';
import { findUserByEmail } from '../../db/repos/scope.ts';
import type { Actor } from '../core/context.ts';
import type { Runtime } from '../runtime.ts';

// What the Teams bot keeps in the store, for server/teams (surfaces never touch db/ themselves).

export interface TeamsState {
  /** true the first time an activity is seen; false for a redelivery of it */
  claimActivity(conversationId: string, activityId: string): Promise<boolean>;
  /** the copilot thread this conversation continues for this user, if any */
  threadFor(conversationId: string, userId: string): Promise<string | undefined>;
  rememberThread(conversationId: string, userId: string, threadId: string): Promise<void>;
  forgetThread(conversationId: string, userId: string): Promise<void>;
  /** our user with this email (case-insensitive), or undefined */
  userByEmail(email: string): Promise<Actor | undefined>;
}

/** how long a claimed activity id is remembered (the Bot Connector retries within minutes) */
export const ACTIVITY_MEMORY_MS = 2 * 24 * 3600_000;

export function teamsState(runtime: Pick<Runtime, 'db' | 'clock'>): TeamsState {
  const { db, clock } = runtime;
  return {
    claimActivity: async (conversationId, activityId) => {
      const now = clock.now();
      const fresh = await claimTeamsActivity(db, `${conversationId}|${activityId}`, now);
      if (fresh) await pruneTeamsActivities(db, new Date(now.getTime() - ACTIVITY_MEMORY_MS));
      return fresh;
    },
    threadFor: (conversationId, userId) => findTeamsThread(db, conversationId, userId),
    rememberThread: (conversationId, userId, threadId) => saveTeamsThread(db, { conversationId, userId, threadId, updatedAt: clock.now() }),
    forgetThread: (conversationId, userId) => forgetTeamsThread(db, conversationId, userId),
    userByEmail: (email) => findUserByEmail(db, email),
  };
}
