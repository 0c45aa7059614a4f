// What `npm run users|keys|webhooks` prints for each tool's answer.

type Data = Record<string, unknown>;
type Row = Record<string, string | null | boolean>;

function table(rows: Row[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => (row[c] === null || row[c] === undefined ? '-' : String(row[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), ...cells.map(line)].join('\n');
}

export function formatAdminResult(tool: string, data: unknown): string {
  const d = data as Data;
  switch (tool) {
    case 'user_add':
      return `added ${d.email} (${d.name}) as ${d.role}${d.team ? ` in team ${d.team}${d.teamCreated ? ' (new team)' : ''}` : ''}`;
    case 'user_list':
      return table(d.users as Row[], ['email', 'name', 'role', 'team', 'active']) + (d.truncated ? '\n(more not shown)' : '');
    case 'api_key_create':
      return [`API key "${d.name}" for ${d.user} (${d.prefix}…). Shown once; store it now:`, '', `  ${d.key}`, '', `use it as: Authorization: Bearer <key>`].join('\n');
    case 'api_key_list':
      return table(d.keys as Row[], ['prefix', 'user', 'name', 'createdAt', 'lastUsedAt', 'revokedAt']);
    case 'api_key_revoke':
      return d.changed ? `revoked ${d.prefix}… of ${d.user}` : `${d.prefix}… of ${d.user} was already revoked (${d.revokedAt})`;
    case 'webhook_source_add':
      return [`webhook source ${d.name}, acting as ${d.user}. Its shared secret, shown once:`, '', `  ${d.secret}`, '', 'the sender signs each delivery: see README, "Signed webhooks"'].join('\n');
    case 'webhook_source_list':
      return table(d.sources as Row[], ['name', 'user', 'createdAt', 'revokedAt']);
    case 'webhook_source_revoke':
      return d.changed ? `revoked webhook source ${d.name}` : `webhook source ${d.name} was already revoked (${d.revokedAt})`;
    default:
      return JSON.stringify(data, null, 2);
  }
}
