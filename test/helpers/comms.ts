import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { interactions, leads, opportunities } from '../../db/schema/index.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from './org.ts';

// The communication tools' fixture: a formal buyer with an open objection and an open question on a deal
// in proposal, and a casual buyer who writes short, slangy notes. Hand-written so every fact a draft may
// state is known.

export interface CommsFixture {
  org: FixtureOrg;
  dana: string;
  sam: string;
  deal: string;
  danaObjection: string;
  danaQuestionEmail: string;
}

export async function createCommsFixture(db: Db): Promise<CommsFixture> {
  const org = await createFixtureOrg(db);
  const anna = org.users.repAnna.userId;
  const [dana, sam, deal] = [fixtureId(), fixtureId(), fixtureId()];
  const [out1, danaObjection, danaQuestionEmail, samIn1, samIn2] = [fixtureId(), fixtureId(), fixtureId(), fixtureId(), fixtureId()];
  await db.insert(leads).values([
    {
      id: dana, accountId: org.accounts.acme, ownerId: anna, firstName: 'Dana', lastName: 'Ruiz', fullName: 'Dana Ruiz', email: 'dana@acme.com',
      phone: '+1 212 555 0100', title: 'VP Operations', lifecycleStage: 'opportunity', timeZone: 'America/New_York', preferredContactHour: 10,
      preferredChannel: 'email', painPoints: ['manual forecast spreadsheets'], createdAt: new Date('2026-04-01T12:00:00Z'),
    },
    {
      id: sam, accountId: org.accounts.globex, ownerId: anna, firstName: 'Sam', lastName: 'Okafor', fullName: 'Sam Okafor', email: 'sam@globex.com',
      title: 'Sales Ops Lead', lifecycleStage: 'contacted', timeZone: 'America/Chicago', createdAt: new Date('2026-05-01T12:00:00Z'),
    },
  ]);
  await db.insert(opportunities).values({
    id: deal, name: 'Acme rollout', accountId: org.accounts.acme, ownerId: anna, primaryContactId: dana, valueMinor: 48_000_00, currency: 'USD',
    stage: 'proposal', stageEnteredAt: new Date('2026-06-01T12:00:00Z'), expectedCloseDate: '2026-07-31', nextSteps: 'Send the security questionnaire',
    decisionCriteria: ['Salesforce integration'], createdAt: new Date('2026-05-01T12:00:00Z'),
  });
  await db.insert(interactions).values([
    { id: out1, type: 'email', direction: 'outbound', leadId: dana, accountId: org.accounts.acme, opportunityId: deal, userId: anna, subject: 'Pricing options', body: 'Dear Dana,\n\nAttached are the pricing options we discussed.\n\nKind regards,\nAnna', occurredAt: new Date('2026-06-08T14:00:00Z') },
    {
      id: danaObjection, type: 'email', direction: 'inbound', leadId: dana, accountId: org.accounts.acme, opportunityId: deal, subject: 'Re: Pricing options',
      body: 'Dear Anna,\n\nThank you for the options. The per-seat price is the sticking point; it is hard to justify for our team.\n\nKind regards,\nDana Ruiz',
      objectionType: 'price', sentiment: 'negative', sentimentScore: -0.4, occurredAt: new Date('2026-06-09T15:00:00Z'),
    },
    {
      id: danaQuestionEmail, type: 'email', direction: 'inbound', leadId: dana, accountId: org.accounts.acme, opportunityId: deal, subject: 'Contract start',
      body: 'Dear Anna,\n\nCould the contract start on July 1 instead? I would appreciate your answer.\n\nRegards,\nDana Ruiz',
      question: 'Could the contract start on July 1 instead?', sentiment: 'neutral', sentimentScore: 0, occurredAt: new Date('2026-06-10T15:00:00Z'),
    },
    { id: samIn1, type: 'email', direction: 'inbound', leadId: sam, accountId: org.accounts.globex, subject: 'demo', body: 'hey! cool demo lol. can u send the deck? thx', occurredAt: new Date('2026-06-05T15:00:00Z') },
    { id: samIn2, type: 'sms', direction: 'inbound', leadId: sam, accountId: org.accounts.globex, body: "yeah we're def interested, gonna loop in my boss next wk :)", occurredAt: new Date('2026-06-09T15:00:00Z') },
  ]);
  return { org, dana, sam, deal, danaObjection, danaQuestionEmail };
}

export interface CheckedFact {
  key: string;
  fact: string;
  source: { kind: string; id: string; field?: string; quote?: string };
}

const TABLE: Record<string, string> = { lead: 'leads', opportunity: 'opportunities', account: 'accounts', user: 'users', task: 'tasks', interaction: 'interactions', signal: 'interactions' };

/**
 * Facts that cannot be found in the record they cite. A fact is found when its source row exists and the
 * fact's text is in that row (a money, date or hour fact in the form the row stores it).
 */
export async function factsNotInRecord(db: Db, facts: readonly CheckedFact[]): Promise<string[]> {
  const missing: string[] = [];
  for (const f of facts) {
    if (f.source.kind === 'derived') continue;
    const table = TABLE[f.source.kind];
    if (!table) {
      missing.push(`${f.key}: unknown source kind ${f.source.kind}`);
      continue;
    }
    const [row] = await rows<{ j: string }>(db, sql`select to_jsonb(t)::text as j from ${sql.raw(table)} t where id = ${f.source.id}`);
    if (!row) {
      missing.push(`${f.key}: no ${table} row ${f.source.id}`);
      continue;
    }
    const json = JSON.parse(row.j) as Record<string, unknown>;
    const text = Object.values(json).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
    const ok = (() => {
      switch (f.key) {
        case 'deal.value': return `$${(Number(json.value_minor) / 100).toLocaleString('en-US')}` === f.fact;
        case 'deal.expectedCloseDate': return new Date(`${String(json.expected_close_date)}T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }) === f.fact;
        case 'lead.preferredContactHour': return Number(json.preferred_contact_hour) % 12 === Number(f.fact.split(' ')[0]) % 12;
        case 'interaction.occurredAt': return typeof json.occurred_at === 'string';
        case 'deal.stage': return String(json.stage).replace('_', ' ') === f.fact;
        case 'interaction.type': return f.fact.toLowerCase().startsWith(String(json.type).replace('sms', 'text'));
        default: return text.includes(f.fact);
      }
    })();
    if (!ok) missing.push(`${f.key}: "${f.fact}" not in ${table} ${f.source.id}`);
  }
  return missing;
}
