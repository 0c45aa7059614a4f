import { z } from 'zod';
import { ROLES } from '../../core/domain.ts';
import { listUsers } from '../../db/repos/auth.ts';
import { defineTool } from '../registry.ts';

const LIMIT = 500;

export const userList = defineTool({
  name: 'user_list',
  description: 'List the people who may use Dealwise: email, name, role, team and whether they are active (at most 500, by email).',
  input: z.object({}),
  output: z.object({
    users: z
      .array(
        z.object({
          id: z.string().describe('user id'),
          email: z.string().describe('email'),
          name: z.string().describe('full name'),
          role: z.enum(ROLES).describe('role'),
          team: z.string().nullable().describe('team name'),
          active: z.boolean().describe('false for people who left'),
        }),
      )
      .describe('the users, by email'),
    truncated: z.boolean().describe('true when there are more than shown'),
  }),
  annotations: { title: 'List users', readOnlyHint: true },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(_input, ctx) {
    const rows = await listUsers(ctx.db, LIMIT + 1);
    return { users: rows.slice(0, LIMIT).map(({ id, email, name, role, team, active }) => ({ id, email, name, role, team, active })), truncated: rows.length > LIMIT };
  },
});
