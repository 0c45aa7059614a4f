// Who may call what, as tools/core/roles.ts decides it on the server (reads widen rep < manager < exec < admin;
// an exec changes nothing): the page hides what the role cannot use; the server still refuses it.

const READ_RANK = { rep: 0, manager: 1, exec: 2, admin: 3 };
const WRITE_RANK = { rep: 0, manager: 1, exec: undefined, admin: 3 };

export function mayCall(role, minRole, writes) {
  if (!writes) return READ_RANK[role] >= READ_RANK[minRole];
  const rank = WRITE_RANK[role];
  const needed = WRITE_RANK[minRole] ?? READ_RANK[minRole];
  return rank !== undefined && rank >= needed;
}
