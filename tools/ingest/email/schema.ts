import { z } from 'zod';
import { evidenceList, isoDateTime } from '../../core/schemas.ts';

// ingest_email's input and output, beside the logic so the tool file stays a definition.

export const LIST_CAP = 50;

export const ingestEmailInput = z
  .object({
    path: z.string().trim().min(1).optional().describe('an .mbox/.eml file or a folder of them on the server, absolute or relative to its working directory (admin only); give path or content'),
    content: z.string().min(1).max(10_000_000).optional().describe('the mail itself, for uploads up to 10 MB: one RFC 5322 message (eml) or an mbox; give path or content'),
    format: z.enum(['eml', 'mbox']).optional().describe('format of content: eml (one message) or mbox; default: mbox when it opens with a "From " line'),
    knownCompetitors: z.array(z.string().trim().min(1).max(100)).max(100).optional().describe('competitor names to look for, besides those already on your deals'),
    createLeads: z.boolean().default(false).describe('true = create a lead for an unknown external sender (or recipient of our outbound mail), linked to the account whose domain matches'),
    createTasks: z.boolean().default(true).describe('action items become tasks of the colleagues who took them (the sender of "I\'ll send...", the colleague asked "can you..."); items a customer took stay on the message as their commitments'),
  })
  .describe('the mail to import');

export type IngestEmailInput = z.infer<typeof ingestEmailInput>;

const person = z
  .object({ id: z.string().describe('lead id'), name: z.string().describe('lead name'), email: z.string().nullable().describe('lead email') })
  .describe('a lead');

export const ingestEmailOutput = z
  .object({
    created: z.number().int().describe('messages imported now'),
    unchanged: z.number().int().describe('messages already stored (same content hash): skipped'),
    rejectedCount: z.number().int().describe('messages or files not imported'),
    rejected: z
      .array(
        z
          .object({
            position: z.number().int().describe('1-based message number in the import (files and messages in order)'),
            origin: z.string().nullable().describe('file (and #message number in an mbox) it came from'),
            externalId: z.string().nullable().describe('its Message-ID, when known'),
            reason: z.string().describe('why it was not imported'),
          })
          .describe('a message or file that was not imported'),
      )
      .describe(`the first ${LIST_CAP} rejections`),
    interactions: z.number().int().describe('email interactions created'),
    inbound: z.number().int().describe('of them, received from outside'),
    outbound: z.number().int().describe('of them, sent by one of our users'),
    internal: z.number().int().describe('of them, between our users only'),
    automated: z.number().int().describe('bounces, auto-replies and receipts kept as source items without an interaction'),
    threads: z.number().int().describe('distinct threads the imported messages belong to'),
    linkedToLead: z.number().int().describe('interactions linked to a lead'),
    linkedToDeal: z.number().int().describe('interactions linked to a deal by correlation (merged into one, or one opened for a new deal identifier)'),
    correlation: z
      .object({
        merged: z.number().int().describe('messages merged into an existing deal (shared deal tag, thread, contacts, account)'),
        created: z.number().int().describe('messages that opened a new deal (a deal identifier such as RFQ-1234 at a known account)'),
        ambiguous: z.number().int().describe('messages that matched several deals equally: nothing merged, the candidates are kept on the source item'),
        unmatched: z.number().int().describe('messages about no known deal'),
        hidden: z.number().int().describe('messages whose deal identifiers belong to a deal outside your scope'),
        conflicts: z.number().int().describe('deal values the messages disagreed on (kept or replaced by precedence, recorded either way)'),
      })
      .describe('how the messages were correlated with deals'),
    leadsMatched: z.array(person).describe(`existing leads the messages were linked to (first ${LIST_CAP})`),
    leadsMatchedCount: z.number().int().describe('existing leads linked, in all'),
    leadsCreated: z.array(person).describe(`leads created for unknown senders (first ${LIST_CAP})`),
    leadsCreatedCount: z.number().int().describe('leads created, in all'),
    hiddenParticipants: z.number().int().describe('participant mentions matching a lead outside your scope (not linked, not duplicated)'),
    signals: z.number().int().describe('signals extracted (quantities, prices, dates, margins, competitors, objections, questions, action items)'),
    tasks: z.number().int().describe('action items that became tasks of the colleagues who took them'),
    attachments: z.number().int().describe('attachments listed on the imported messages'),
    chunks: z.number().int().describe('passages embedded for semantic search'),
    items: z
      .array(
        z
          .object({
            position: z.number().int().describe('message number in the import'),
            sourceItemId: z.string().describe('the stored raw message'),
            interactionId: z.string().nullable().describe('the interaction made from it (null for automated mail)'),
            subject: z.string().nullable().describe('subject line'),
            occurredAt: isoDateTime.nullable().describe('Date header'),
          })
          .describe('an imported message'),
      )
      .describe('the first 20 imported messages'),
    evidence: evidenceList,
    ms: z.number().int().describe('wall time of the import, milliseconds'),
    itemsPerSecond: z.number().describe('messages read per second'),
  })
  .describe('what the import did');

export type IngestEmailOutput = z.infer<typeof ingestEmailOutput>;
