import type { Actor } from '../../tools/core/context.ts';
import type { TeamsState } from '../../tools/channels/teams-state.ts';

// Who a Teams user is here: the Bot Connector's member record gives their Entra email (or UPN), and our user
// with that email is who they act as, so their role and scope apply. Nobody is ever served as someone else.

export interface TeamsMemberApi {
  conversations: { members(conversationId: string): { getById(id: string): Promise<{ aadObjectId?: string; email?: string; userPrincipalName?: string }> } };
}
export interface TeamsSender {
  id: string;
  name?: string;
  aadObjectId?: string;
}

export type TeamsUser = { known: true; actor: Actor; email: string; name: string } | { known: false; email: string | undefined };

/** A channel thread's conversation id carries ';messageid=<root>'; the roster belongs to the conversation itself. */
export const baseConversationId = (conversationId: string) => conversationId.split(';')[0]!;

export async function resolveTeamsUser(api: TeamsMemberApi, state: TeamsState, conversationId: string, from: TeamsSender): Promise<TeamsUser> {
  // only people signed in with Entra have an object id (not guests of other tenants' anonymous meetings, not bots)
  if (!from.aadObjectId) return { known: false, email: undefined };
  const member = await api.conversations
    .members(baseConversationId(conversationId))
    .getById(from.aadObjectId)
    .catch((error: unknown) => {
      // not (or no longer) in the conversation's roster: nobody we can vouch for
      if ((error as { response?: { status?: number } }).response?.status === 404) return undefined;
      throw error;
    });
  if (!member) return { known: false, email: undefined };
  if (member.aadObjectId && member.aadObjectId !== from.aadObjectId) return { known: false, email: undefined };
  const email = (member.email ?? member.userPrincipalName)?.trim().toLowerCase();
  if (!email) return { known: false, email: undefined };
  const actor = await state.userByEmail(email);
  return actor ? { known: true, actor, email, name: from.name ?? email } : { known: false, email };
}

export function unknownUserText(user: { email: string | undefined }): string {
  return user.email
    ? `I don't know ${user.email} yet. Ask a Dealwise admin to add you as a user with that email.`
    : 'I could not tell who you are from Teams. Ask a Dealwise admin to add you as a user with your work email.';
}
