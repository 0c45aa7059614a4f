import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.ts';
import { createFixtureRuntime } from '../../test/helpers/runtime.ts';
import { callTool } from '../../tools/core/services.ts';
import { registry } from '../../tools/index.ts';
import type { Runtime } from '../../tools/runtime.ts';
import { createMcpServer } from './server.ts';

describe('tools over MCP (in-memory transport, SDK client)', () => {
  let runtime: Runtime;
  let client: Client;

  beforeAll(async () => {
    const fixture = await createFixtureRuntime();
    runtime = fixture.runtime;
    await runtime.db.insert(leads).values({ fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: fixture.org.accounts.acme, ownerId: fixture.org.users.repAnna.userId });
    const server = createMcpServer({
      list: () => registry.list(),
      call: (name, input) => callTool(registry, runtime, fixture.org.users.admin, name, input),
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    client = new Client({ name: 'test', version: '1.0.0' });
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  });
  afterAll(async () => {
    await client.close();
    await runtime.close();
  });

  it('lists the registry tools with descriptions, schemas and annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(registry.names());
    const setStage = tools.find((t) => t.name === 'lead_set_stage');
    expect(setStage?.annotations).toMatchObject({ readOnlyHint: false, title: 'Set lead stage' });
    expect(setStage?.inputSchema.properties).toHaveProperty('reason.description', 'why the stage changes (kept in history)');
  });

  it('calls a tool and returns structured content', async () => {
    const result = await client.callTool({ name: 'lead_search', arguments: { query: 'Dana' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ leads: [{ fullName: 'Dana Ruiz' }], page: { total: 1 } });
  });

  it('returns a miss as isError with the field named, so a model can recover', async () => {
    const result = await client.callTool({ name: 'lead_set_stage', arguments: { lead: 'Dana Ruiz', stage: 'sold' } });
    expect(result.isError).toBe(true);
    const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
    expect(JSON.parse(text)).toMatchObject({ code: 'invalid_input', issues: [{ field: 'stage' }, { field: 'reason' }] });
  });

  it('refuses an unknown argument as isError naming it, and lists additionalProperties: false', async () => {
    const result = await client.callTool({ name: 'lead_search', arguments: { qeury: 'Dana' } });
    expect(result.isError).toBe(true);
    const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
    const error = JSON.parse(text) as { code: string; issues: { field: string; message: string }[] };
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ field: 'qeury' }] });
    expect(error.issues[0]!.message).toContain('did you mean "query"?');
    const { tools } = await client.listTools();
    expect(tools.every((t) => t.inputSchema.additionalProperties === false)).toBe(true);
  });
});
