import type { UserByEmail } from '../../../db/repos/ingest-participants.ts';
import { inScope, type Scope } from '../../../db/repos/scope.ts';
import { actionItemKey, actionTaskTitle, businessDue, dueInstant, type Commitment } from '../core/action-tasks.ts';
import type { ActionItem } from '../signals/index.ts';

// A message's action items as tasks of the colleagues who took them: the sender of "I'll send the quote
// by Wednesday" or "we'll send...", the colleague named ("Tom to call their CFO"), or the colleague asked
// ("Can you send me the price list?" to one of ours). Items taken by a customer stay on the message as
// their commitments. One key per message and item, shared with meeting_summary (core/action-tasks.ts).

export interface PlannedTask {
  ruleKey: string;
  ownerId: string;
  title: string;
  description: string;
  dueAt: Date | null;
}

interface Person {
  email: string;
  name: string | null;
}

export interface MessageForTasks {
  interactionId: string;
  subject: string | null;
  occurredAt: Date;
  from: Person | null;
  to: readonly Person[];
  cc: readonly Person[];
}

function byName(users: Map<string, UserByEmail>, name: string): UserByEmail | undefined {
  const n = name.trim().toLowerCase();
  const found = [...users.values()].filter((u) => u.fullName.toLowerCase() === n || u.fullName.toLowerCase().split(/\s+/)[0] === n);
  return found.length === 1 ? found[0] : undefined;
}

function takerOf(item: ActionItem, message: MessageForTasks, users: Map<string, UserByEmail>): { user: UserByEmail | undefined; who: string | null } {
  const sender = message.from ? users.get(message.from.email.toLowerCase()) : undefined;
  const senderName = message.from?.name ?? message.from?.email ?? null;
  switch (item.ownerRole) {
    case 'speaker':
    case 'team':
      // "I'll" / "we'll" in a message is its sender (or the sender's side)
      return { user: sender, who: sender?.fullName ?? senderName };
    case 'named':
      return { user: item.owner ? byName(users, item.owner) : undefined, who: item.owner };
    case 'addressee': {
      if (item.owner) return { user: byName(users, item.owner), who: item.owner };
      // "Can you send me...": the one colleague it was sent to (never a guess among several)
      const ours = message.to.flatMap((p) => users.get(p.email.toLowerCase()) ?? []);
      return ours.length === 1 ? { user: ours[0], who: ours[0]?.fullName ?? null } : { user: undefined, who: message.to[0]?.name ?? message.to[0]?.email ?? null };
    }
    default:
      return { user: undefined, who: null };
  }
}

export function planMessageTasks(message: MessageForTasks, items: readonly ActionItem[], users: Map<string, UserByEmail>, scope: Scope): { tasks: PlannedTask[]; commitments: Commitment[] } {
  const tasks: PlannedTask[] = [];
  const commitments: Commitment[] = [];
  for (const item of items) {
    const text = item.text.trim();
    const { user, who } = takerOf(item, message, users);
    if (!user || !inScope(scope, user.id)) {
      commitments.push({ text, owner: who, due: item.due });
      continue;
    }
    const ruleKey = actionItemKey(message.interactionId, { text, owner: item.owner, ownerRole: item.ownerRole });
    if (tasks.some((t) => t.ruleKey === ruleKey)) continue;
    const due = item.due ? businessDue(item.due) : null;
    tasks.push({
      ruleKey,
      ownerId: user.id,
      title: actionTaskTitle(text),
      description: `Action item from the message "${message.subject ?? '(no subject)'}" (${message.occurredAt.toISOString().slice(0, 10)}) from ${message.from?.name ?? message.from?.email ?? 'an unknown sender'}.`,
      dueAt: due ? dueInstant(due.date, user.timeZone) : null,
    });
  }
  return { tasks, commitments };
}
