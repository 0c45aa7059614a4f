import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from './kind.ts';

// `npm run ingest -- <folder>` on the demo files (mailboxes beside call transcripts) once read every file
// as mail and rejected the transcripts; a mixed folder now runs each file through its own importer.

let dir: string;
const put = (name: string, text: string) => writeFile(path.join(dir, name), text);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dealwise-kind-'));
  await mkdir(path.join(dir, 'mixed'));
  await mkdir(path.join(dir, 'calls'));
  for (const sub of ['mixed', 'calls']) {
    await put(`${sub}/b-call.vtt`, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna Rep>Hello</v>\n');
    await put(`${sub}/a-notes.txt`, 'Anna Rep: pricing is fine\nDana Ruiz: send the quote\n');
    await put(`${sub}/LICENSE`, 'MIT');
  }
  await put('mixed/z-inbox.mbox', 'From anna@x.com Mon Mar  2 09:00:00 2026\nFrom: anna@x.com\nSubject: hi\n\nbody\n');
  await put('mixed/m-reply.txt', 'From: dana@acme.com\nSubject: Re: quote\n\nok\n');
  await put('mixed/deals.csv', 'id,name\nD-1,Acme\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('importPlan', () => {
  it('sends each file of a mixed folder to its importer: CRM rows first, then mail, then meetings', async () => {
    const plan = await importPlan(path.join(dir, 'mixed'));
    expect(plan.map((p) => [p.kind, path.basename(p.target)])).toEqual([
      ['csv', 'deals.csv'],
      ['email', 'm-reply.txt'], // a .txt that opens with mail headers is mail
      ['email', 'z-inbox.mbox'],
      ['transcript', 'a-notes.txt'],
      ['transcript', 'b-call.vtt'],
    ]);
  });

  it('keeps a one-kind folder whole (a licence beside the data does not count) and a single file as itself', async () => {
    expect(await importPlan(path.join(dir, 'calls'))).toEqual([{ kind: 'transcript', target: path.join(dir, 'calls') }]);
    expect(await importPlan(path.join(dir, 'mixed', 'deals.csv'))).toEqual([{ kind: 'csv', target: path.join(dir, 'mixed', 'deals.csv') }]);
    expect(await importPlan(path.join(dir, 'mixed', 'LICENSE'))).toEqual([{ kind: 'email', target: path.join(dir, 'mixed', 'LICENSE') }]);
  });
});
