import { parseArgs } from 'node:util';

// `npm run users|keys|webhooks -- <verb> [options]` as one admin tool call: parsing only, no store.

export const USAGE = `usage:
  npm run users -- add --email EMAIL --name "NAME" --role rep|manager|exec|admin [--team TEAM]
  npm run users -- list
  npm run keys -- create --user EMAIL [--name NAME]      prints the key once: store it now
  npm run keys -- list [--user EMAIL] [--all]             --all includes revoked keys
  npm run keys -- revoke KEY                              the key's id, prefix or name
  npm run webhooks -- add --name SOURCE --user EMAIL      prints the shared secret once
  npm run webhooks -- list
  npm run webhooks -- revoke SOURCE`;

export interface AdminCall {
  tool: string;
  input: Record<string, unknown>;
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

const VERBS: Record<string, Record<string, { tool: string; options: string[]; positional?: string; build: (v: Values, p: string | undefined) => Record<string, unknown> }>> = {
  users: {
    add: { tool: 'user_add', options: ['email', 'name', 'role', 'team'], build: (v) => pick(v, ['email', 'name', 'role', 'team']) },
    list: { tool: 'user_list', options: [], build: () => ({}) },
  },
  keys: {
    create: { tool: 'api_key_create', options: ['user', 'name'], build: (v) => pick(v, ['user', 'name']) },
    list: { tool: 'api_key_list', options: ['user', 'all'], build: (v) => ({ ...pick(v, ['user']), ...(v.all ? { includeRevoked: true } : {}) }) },
    revoke: { tool: 'api_key_revoke', options: [], positional: 'key', build: (_v, p) => ({ key: p }) },
  },
  webhooks: {
    add: { tool: 'webhook_source_add', options: ['name', 'user'], build: (v) => pick(v, ['name', 'user']) },
    list: { tool: 'webhook_source_list', options: [], build: () => ({}) },
    revoke: { tool: 'webhook_source_revoke', options: [], positional: 'name', build: (_v, p) => ({ name: p }) },
  },
};

function pick(values: Values, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.flatMap((key) => (typeof values[key] === 'string' ? [[key, values[key]]] : [])));
}

/** The tool call a command line asks for, or a message saying what is wrong with it. */
export function parseAdminArgs(command: string, argv: string[]): AdminCall | { error: string } {
  const verbs = VERBS[command];
  if (!verbs) return { error: `unknown command ${command}` };
  const [verb, ...rest] = argv;
  const spec = verb ? verbs[verb] : undefined;
  if (!spec) return { error: `${command}: give one of ${Object.keys(verbs).join(', ')}${verb ? ` (got ${verb})` : ''}` };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: spec.positional !== undefined,
      strict: true,
      options: Object.fromEntries(spec.options.map((name) => [name, { type: name === 'all' ? 'boolean' : 'string' }])) as Record<string, { type: 'string' | 'boolean' }>,
    });
  } catch (error) {
    return { error: `${command} ${verb}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (spec.positional && parsed.positionals.length !== 1) return { error: `${command} ${verb}: give exactly one ${spec.positional}` };
  return { tool: spec.tool, input: spec.build(parsed.values, parsed.positionals[0]) };
}
