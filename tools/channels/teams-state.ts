import { claimTeamsActivity, findTeamsThread, forgetTeamsThread, saveTeamsThread } from '../../db/repos/teams.ts';
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

export function teamsState(runtime: Pick<Runtime, 'db' | 'clock'>): TeamsState {
  const { db, clock } = runtime;
  return {
    claimActivity: (conversationId, activityId) => claimTeamsActivity(db, `${conversationId}|${activityId}`, clock.now()),
    threadFor: (conversationId, userId) => findTeamsThread(db, conversationId, userId),
    rememberThread: (conversationId, userId, threadId) => saveTeamsThread(db, { conversationId, userId, threadId, updatedAt: clock.now() }),
    forgetThread: (conversationId, userId) => forgetTeamsThread(db, conversationId, userId),
    userByEmail: (email) => findUserByEmail(db, email),
  };
}
