import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../core/embeddings/local.ts';
import { silentLogger } from '../../core/logger.ts';
import { registry } from '../index.ts';
import { unstorableTextIssues } from './storable-text.ts';

const services = { db: undefined as never, log: silentLogger, now: new Date('2026-06-15T12:00:00Z'), embedder: createLocalEmbedder() };
const admin = { userId: 'u', role: 'admin' as const, teamId: null };

describe('text the store cannot hold, in tool input', () => {
  it('names every string and key with a NUL or an unpaired surrogate, at any depth; valid pairs pass', () => {
    const issues = unstorableTextIssues({ lead: 'a\u0000b', ok: 'fine 🙂', nested: { list: ['x', '\ud83d'] }, ['k\u0000']: 1 });
    expect(issues.map((i) => i.field)).toEqual(['lead', 'nested.list.1', 'k\\u0000']);
    expect(issues[1]!.message).toMatch(/unpaired surrogate/);
    expect(unstorableTextIssues({ lead: 'Dana 🙂', n: 3, none: null })).toEqual([]);
  });

  // both used to answer `internal`: NUL failed the lookup query, a lone surrogate the audit row (jsonb)
  it('is refused by the registry as invalid_input before the tool runs', async () => {
    const nul = await registry.execute('lead_get', { lead: 'Dana\u0000' }, admin, services);
    expect(nul).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'lead' }] } });
    expect(!nul.ok && nul.error.message).toMatch(/^lead: contains a NUL character/);
    const surrogate = await registry.execute('ingest_crm_csv', { content: 'name,stage\n\ud9ae,Won\n' }, admin, services);
    expect(surrogate).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'content' }] } });
  });
});
