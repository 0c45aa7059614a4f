import { z } from 'zod';
import { ROLES } from '../../core/domain.ts';
import { insertTeam, insertUser, teamByName, userByEmail } from '../../db/repos/auth.ts';
import { conflict } from '../core/errors.ts';
import { defineTool } from '../registry.ts';

export const userAdd = defineTool({
  name: 'user_add',
  description:
    'Add a person who may use Dealwise, with their role (rep, manager, exec or admin) and team. A team named that does not exist yet is created. Give the new user an API key with api_key_create.',
  input: z.object({
    email: z.email('must be an email address').max(320).describe('their email address (how they are found and log in)'),
    name: z.string().trim().min(1, 'give their name').max(200).describe('their full name'),
    role: z.enum(ROLES).describe('rep: own records; manager: the team\'s; exec: reads everything, changes nothing; admin: everything'),
    team: z.string().trim().min(1).max(100).optional().describe('their team\'s name; created when there is none by that name'),
  }),
  output: z.object({
    userId: z.string().describe('the new user\'s id'),
    email: z.string().describe('their email, lower-cased'),
    name: z.string().describe('their name'),
    role: z.enum(ROLES).describe('their role'),
    team: z.string().nullable().describe('their team, if any'),
    teamCreated: z.boolean().describe('true when the team was created for them'),
  }),
  annotations: { title: 'Add user', readOnlyHint: false, destructiveHint: false, idempotentHint: false, approval: 'required' },
  minRole: 'admin',
  surfaceOnly: true,
  async execute(input, ctx) {
    const email = input.email.toLowerCase();
    if (await userByEmail(ctx.db, email)) throw conflict(`A user with the email ${email} already exists`, 'list users with user_list');
    const existing = input.team ? await teamByName(ctx.db, input.team) : undefined;
    const team = input.team ? (existing ?? (await insertTeam(ctx.db, input.team))) : undefined;
    const userId = await insertUser(ctx.db, { email, fullName: input.name, role: input.role, teamId: team?.id ?? null });
    return { userId, email, name: input.name, role: input.role, team: team?.name ?? null, teamCreated: team !== undefined && existing === undefined };
  },
  audit: (_input, output) => ({ action: 'user.added', recordType: 'user', recordId: output.userId, changes: { email: output.email, role: output.role, team: output.team, teamCreated: output.teamCreated } }),
});
