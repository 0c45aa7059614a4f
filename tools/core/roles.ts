import type { Role } from '../../core/domain.ts';

// Who may call what. Reads widen with rank (rep < manager < exec < admin). Writes are for reps,
// managers and admins within their scope; an exec reads everything and changes nothing.
const READ_RANK: Record<Role, number> = { rep: 0, manager: 1, exec: 2, admin: 3 };
const WRITE_RANK: Record<Role, number | undefined> = { rep: 0, manager: 1, exec: undefined, admin: 3 };

export function mayCall(role: Role, minRole: Role, writes: boolean): boolean {
  if (!writes) return READ_RANK[role] >= READ_RANK[minRole];
  const rank = WRITE_RANK[role];
  const needed = WRITE_RANK[minRole] ?? READ_RANK[minRole];
  return rank !== undefined && rank >= needed;
}
