import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { rows } from '../../db/rows.ts';
import { leads, opportunities } from '../../db/schema/index.ts';
import { createTestStore } from '../../test/helpers/db.ts';
import { createFixtureOrg, fixtureId, type FixtureOrg } from '../../test/helpers/org.ts';
import { call, callOk } from '../../test/helpers/tools.ts';
import type { IngestTranscriptOutput } from './transcripts/schema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../test/fixtures/transcripts');
const AMI = path.resolve(here, '../../../shared/data/ami_meetings_qmsum/product_test/ES2004a.json');
const CAPTIONS = path.resolve(here, '../../../shared/data/vtt_srt_format_fixtures');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const MEETING_AT = '2026-06-12T15:00:00.000Z';

let store: Store;
let org: FixtureOrg;
const ids = { dana: fixtureId(), sam: fixtureId(), deal: fixtureId() };

async function count(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(store.db, sql.raw(`select count(*)::int as n from ${table}`));
  return row?.n ?? 0;
}

beforeAll(async () => {
  store = await createTestStore();
  org = await createFixtureOrg(store.db);
  const anna = org.users.repAnna.userId;
  await store.db.insert(leads).values([
    { id: ids.dana, fullName: 'Dana Ruiz', email: 'dana@acme.com', accountId: org.accounts.acme, ownerId: anna },
    { id: ids.sam, fullName: 'Samuel Lee', email: 'sam.lee@acme.com', accountId: org.accounts.acme, ownerId: anna },
  ]);
  await store.db.insert(opportunities).values({ id: ids.deal, name: 'Acme rollout', accountId: org.accounts.acme, ownerId: anna, primaryContactId: ids.dana, valueMinor: 54_000_00, stage: 'discovery' });
});
afterAll(async () => store.close());

describe('ingest_transcript', () => {
  it('imports a Teams VTT: one meeting linked to the lead, the user and the lead\'s open deal, with sections and tasks', async () => {
    const out = await callOk<IngestTranscriptOutput>(store.db, org.users.repAnna, 'ingest_transcript', { content: read('teams-discovery.vtt'), occurredAt: MEETING_AT, createTasks: true });
    expect(out.status).toBe('imported');
    expect(out.format).toBe('vtt');
    expect(out.title).toBe('Acme discovery call');
    expect([out.cues, out.turns, out.durationSeconds]).toEqual([7, 4, 36]);
    expect(out.opportunityId).toBe(ids.deal);
    expect(out.speakers.map((s) => [s.name, s.turns, s.match?.kind ?? null, s.match?.id ?? null])).toEqual([
      ['Anna Rep', 2, 'user', org.users.repAnna.userId],
      ['Dana Ruiz', 2, 'lead', ids.dana],
    ]);
    // Anna: cue 1 (1.0-5.2) + cues 4-5 (16.5-30.0) = 4.2 + 13.5 = 17.7 s
    expect(out.speakers[0]?.seconds).toBe(17.7);
    expect(out.sections.pricing.map((p) => p.prices)).toEqual([['USD 45.00 per user']]);
    expect(out.sections.margins.map((m) => [m.kind, m.percent])).toEqual([['discount', 10]]);
    expect(out.sections.objections.map((o) => [o.type, o.speaker, o.line])).toEqual([['price', 'Dana Ruiz', 15]]);
    expect(out.sections.decisions.map((d) => d.quote)).toEqual(['We agreed to start the pilot with 20 reps in July.']);
    expect(out.actionItems.map((a) => [a.owner, a.due, a.ownerIsAttendee])).toEqual([
      ['Anna Rep', '2026-06-19', true],
      ['Dana Ruiz', null, true],
    ]);
    // Anna's promise is her task; Dana (a lead, not a colleague) keeps hers on the meeting
    expect(out.report).toMatchObject({ created: 1, unchanged: 0, rejected: 0, tasks: 1 });
    expect(out.report.chunks).toBeGreaterThan(0);

    const [meeting] = await rows<Record<string, unknown>>(store.db, sql`select type, direction, lead_id, user_id, opportunity_id, account_id, duration_seconds, subject, source_item_id, occurred_at, metadata->'sections'->'actionItems' as items, metadata->'commitments' as commitments from interactions where id = ${out.interactionId}`);
    expect(meeting).toMatchObject({ type: 'meeting', direction: 'outbound', lead_id: ids.dana, user_id: org.users.repAnna.userId, opportunity_id: ids.deal, account_id: org.accounts.acme, duration_seconds: 36, subject: 'Acme discovery call', source_item_id: out.sourceItemId });
    expect(new Date(meeting?.occurred_at as string).toISOString()).toBe(MEETING_AT);
    expect(meeting?.items).toHaveLength(2);
    expect(meeting?.commitments).toEqual([{ text: 'Great, and I will check with IT about single sign-on.', owner: 'Dana Ruiz', due: null }]);
    const tasks = await rows<{ title: string; owner_id: string; due_at: Date | null; opportunity_id: string }>(store.db, sql`select title, owner_id, due_at, opportunity_id from tasks order by title`);
    expect(tasks.map((t) => [t.title, t.owner_id, t.due_at ? new Date(t.due_at).toISOString() : null, t.opportunity_id])).toEqual([
      // due 17:00 in Anna's zone (New York)
      ["I'll send the security documentation by June 19.", org.users.repAnna.userId, '2026-06-19T21:00:00.000Z', ids.deal],
    ]);
    expect(out.actionItems.map((a) => [a.taskId !== null, a.taskOwnerId])).toEqual([[true, org.users.repAnna.userId], [false, null]]);
    const [lead] = await rows<{ interaction_count: number }>(store.db, sql`select interaction_count from leads where id = ${ids.dana}`);
    expect(lead?.interaction_count).toBe(1);
    const [audit] = await rows<{ action: string; record_id: string }>(store.db, sql`select action, record_id from audit_log where tool = 'ingest_transcript'`);
    expect(audit).toEqual({ action: 'transcript.imported', record_id: out.interactionId });
  });

  it('changes nothing when the same content is imported again, even with CRLF line endings', async () => {
    const before = await Promise.all(['source_items', 'interactions', 'tasks', 'chunks'].map(count));
    const again = await callOk<IngestTranscriptOutput>(store.db, org.users.repAnna, 'ingest_transcript', { content: read('teams-discovery.vtt').replace(/\n/g, '\r\n'), occurredAt: MEETING_AT, createTasks: true });
    expect(again.status).toBe('unchanged');
    expect(again.report).toMatchObject({ created: 0, unchanged: 1, tasks: 0 });
    expect(again.interactionId).not.toBeNull();
    expect(await Promise.all(['source_items', 'interactions', 'tasks', 'chunks'].map(count))).toEqual(before);
  });

  it('shares the action items\' keys with meeting_summary: summarising the imported meeting finds the task, never a second one', async () => {
    const [imported] = await rows<{ id: string; interaction_id: string }>(store.db, sql`select t.id, i.id as interaction_id from tasks t join interactions i on i.subject = 'Acme discovery call' where t.rule_key like 'action:%' and t.title like 'I''ll send%'`);
    const summary = await callOk<{ actionItems: { text: string; taskId: string | null; taskCreated: boolean }[]; tasksExisting: number }>(store.db, org.users.repAnna, 'meeting_summary', { interaction: imported!.interaction_id, createTasks: true });
    const mine = summary.actionItems.find((a) => a.text.startsWith("I'll send"));
    expect(mine).toMatchObject({ taskId: imported!.id, taskCreated: false });
    expect(summary.tasksExisting).toBeGreaterThanOrEqual(1);
    const [n] = await rows<{ n: number }>(store.db, sql`select count(*)::int as n from tasks where title like 'I''ll send the security documentation%'`);
    expect(n?.n).toBe(1);
  });

  it('matches listed participants by email from the header, resolves a vocative owner and reads the Date: header', async () => {
    const out = await callOk<IngestTranscriptOutput>(store.db, org.users.repAnna, 'ingest_transcript', { content: read('plain-call.txt') });
    expect(out.occurredAt).toBe('2026-06-12T15:00:00.000Z');
    // speakers first, then Sam Lee from "Participants:" (never spoke), matched by his email to the lead "Samuel Lee"
    expect(out.speakers.map((s) => [s.name, s.spoke, s.match?.id ?? null])).toEqual([
      ['Anna Rep', true, org.users.repAnna.userId],
      ['Dana Ruiz', true, ids.dana],
      ['Sam Lee', false, ids.sam],
    ]);
    expect(out.actionItems.map((a) => [a.owner, a.due, a.taskId])).toEqual([['Sam Lee', '2026-06-19', null]]);
    expect(out.sections.decisions.map((d) => d.speaker)).toEqual(['Dana Ruiz']);
  });

  it('reads a file by path and titles it by file name when it has no title', async () => {
    // reading the server's disk is an admin's act; a rep uploads content
    expect(await call(store.db, org.users.repAnna, 'ingest_transcript', { path: path.join(FIXTURES, 'zoom-chat.txt') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const out = await callOk<IngestTranscriptOutput>(store.db, org.users.admin, 'ingest_transcript', { path: path.join(FIXTURES, 'zoom-chat.txt'), opportunity: 'Acme rollout', occurredAt: MEETING_AT });
    expect([out.status, out.format, out.title, out.durationSeconds, out.opportunityId]).toEqual(['imported', 'zoom', 'zoom-chat.txt', 285, ids.deal]);
  });

  it('keeps a rep inside their scope: another rep\'s deal is not found and their lead is not linked', async () => {
    const miss = await call(store.db, org.users.repCara, 'ingest_transcript', { content: read('teams-export.txt'), opportunity: 'Acme rollout' });
    expect(miss).toMatchObject({ ok: false, error: { code: 'not_found:opportunity' } });
    const out = await callOk<IngestTranscriptOutput>(store.db, org.users.repCara, 'ingest_transcript', { content: read('teams-export.txt'), occurredAt: MEETING_AT });
    expect(out.speakers.map((s) => s.match?.kind ?? null)).toEqual(['user', null]);
    const [meeting] = await rows<{ lead_id: string | null; user_id: string; opportunity_id: string | null }>(store.db, sql`select lead_id, user_id, opportunity_id from interactions where id = ${out.interactionId}`);
    // Anna attended but is outside Cara's scope: the meeting is Cara's, with no lead or deal of Anna's
    expect(meeting).toEqual({ lead_id: null, user_id: org.users.repCara.userId, opportunity_id: null });
  });

  it('dryRun reports the import and stores nothing', async () => {
    const before = await Promise.all(['source_items', 'interactions', 'chunks', 'audit_log'].map(count));
    const out = await callOk<IngestTranscriptOutput>(store.db, org.users.repAnna, 'ingest_transcript', { content: read('negotiation.srt'), dryRun: true, createTasks: true });
    expect(out.status).toBe('imported');
    expect(out.speakers.map((s) => s.name)).toEqual(['Anna Rep', 'Lee Park', 'Dana Ruiz']);
    expect(await Promise.all(['source_items', 'interactions', 'chunks', 'audit_log'].map(count))).toEqual(before);
  });

  it('rejects an unreadable file with the reason and line, storing nothing', async () => {
    const before = await count('source_items');
    const out = await callOk<IngestTranscriptOutput>(store.db, org.users.repAnna, 'ingest_transcript', { content: 'WEBVTT\n\n00:00:01.000 --> soon\nhello\n' });
    expect([out.status, out.rejection, out.report.rejected]).toEqual(['rejected', { reason: 'line 3: invalid timestamp "soon"', line: 3 }, 1]);
    expect(await count('source_items')).toBe(before);
  });

  it('names the field on bad input', async () => {
    expect(await call(store.db, org.users.repAnna, 'ingest_transcript', { content: 'A: b', path: '/x.vtt' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'path' }] } });
    expect(await call(store.db, org.users.admin, 'ingest_transcript', { path: '/no/such/file.vtt' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'path', message: expect.stringContaining('ENOENT') }] } });
    expect(await call(store.db, org.users.repAnna, 'ingest_transcript', { content: 'A: b', format: 'docx' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ field: 'format' }] } });
  });

  it.skipIf(!existsSync(AMI))('imports a real AMI meeting (QMSum ES2004a) with its four speakers, turns and human summary; again = unchanged', async () => {
    const out = await callOk<IngestTranscriptOutput>(store.db, org.users.admin, 'ingest_transcript', { path: AMI, occurredAt: MEETING_AT });
    const data = JSON.parse(readFileSync(AMI, 'utf8')) as { meeting_transcripts: { speaker: string }[]; general_query_list: { answer: string }[] };
    // 320 entries; 22 hold only disfluency tags ({vocalsound}...) and are skipped -> 298 cues; 9 same-speaker runs merge -> 289 turns
    expect([out.format, out.cues, out.turns]).toEqual(['json', 298, 289]);
    expect(out.speakers.map((s) => s.name).sort()).toEqual(['Industrial Designer', 'Marketing', 'Project Manager', 'User Interface']);
    expect(out.speakers.reduce((n, s) => n + s.turns, 0)).toBe(289);
    expect(data.meeting_transcripts).toHaveLength(320);
    const [meeting] = await rows<{ summary: string; lines: number }>(store.db, sql`select summary, array_length(string_to_array(body, E'\n'), 1) as lines from interactions where id = ${out.interactionId}`);
    expect(meeting).toEqual({ summary: data.general_query_list[0]?.answer, lines: 289 });
    const again = await callOk<IngestTranscriptOutput>(store.db, org.users.admin, 'ingest_transcript', { path: AMI });
    expect([again.status, again.interactionId]).toEqual(['unchanged', out.interactionId]);
  });

  it.skipIf(!existsSync(CAPTIONS))('takes every file of vtt_srt_format_fixtures through the tool: each imports or is rejected with a reason, none fails', async () => {
    // per-file outcomes are listed in transcripts/shared-fixtures.test.ts; here the whole path runs (store, signals, chunks)
    const outcomes: Record<string, string[]> = { imported: [], rejected: [] };
    for (const file of readdirSync(CAPTIONS).sort()) {
      const out = await callOk<IngestTranscriptOutput>(store.db, org.users.admin, 'ingest_transcript', { path: path.join(CAPTIONS, file), occurredAt: MEETING_AT });
      outcomes[out.status === 'rejected' ? 'rejected' : 'imported']?.push(file);
      if (out.status === 'rejected') expect(out.rejection?.reason).toMatch(/\w{4}/);
      else expect(out.interactionId).not.toBeNull();
    }
    expect(outcomes.rejected).toEqual([
      'LICENSE.webvtt-py', 'SOURCES.md', 'empty.vtt', 'invalid.vtt', 'invalid_format.sbv', 'invalid_format1.srt', 'invalid_format2.srt', 'invalid_format3.srt',
      'invalid_format4.srt', 'invalid_timeframe.sbv', 'invalid_timeframe.srt', 'invalid_timeframe.vtt', 'missing_timeframe.sbv', 'missing_timeframe.srt',
      'missing_timeframe.vtt', 'no_captions.vtt',
    ]);
    expect(outcomes.imported).toHaveLength(readdirSync(CAPTIONS).length - 16);
  });
});
