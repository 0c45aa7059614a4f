import type { ToolExamples } from './examples.ts';

// Several of these tools come with their own issue: the phrasings are here so that they route right the
// day they land; until then the local model declines them honestly.
export const communicationExamples: ToolExamples[] = [
  { tool: 'draft_email', says: [
    'draft a follow up email to {lead}', 'write {lead} an email', 'draft her an email', 'email {lead} about the proposal', 'write an intro email to {lead}',
    'draft a follow-up for {deal}', 'compose an email to {lead} asking for a meeting', 'write a re-engagement email to {lead}', 'send {lead} a nurture email',
    'draft a casual follow up to {lead}', 'write a formal proposal email to {lead}', 'draft him a quick note', 'email to {lead} handling the price objection', 'draft an email',
  ] },
  { tool: 'draft_sequence', says: [
    'build a nurture sequence for {lead}', 'create an email sequence for {lead}', 'draft a {n} step sequence for {lead}', 'set up a cadence for {lead}', 'multi touch sequence for {lead}',
  ] },
  { tool: 'draft_message', says: [
    'text {lead}', 'draft a whatsapp to {lead}', 'write an sms to {lead}', 'send her a quick text', 'whatsapp message for {lead} about the meeting', 'short sms to {lead}',
  ] },
  { tool: 'call_script', says: [
    'call script for {lead}', 'prep me for a call with {lead}', 'what should i say when i call {lead}', 'give me a talk track for {deal}', 'cold call script for {lead}', 'discovery questions for {lead}',
  ] },
  { tool: 'objection_response', says: [
    'how do i respond to "too expensive"', 'they said it\'s too expensive, what do i say', 'handle the objection we already have a vendor', 'objection: no budget this year',
    'how to answer "we need to think about it"', 'rebuttal for timing objection', 'what to say when they say they use a competitor',
  ] },
  { tool: 'meeting_brief', says: [
    'brief me for my meeting with {lead}', 'meeting prep for {account}', 'prepare me for the {deal} meeting', 'pre meeting brief for {lead}', 'what do i need to know before meeting {lead}',
    'brief me on {lead}', 'brief me on {deal}', 'prep me for {account}', 'prep me for the call with {lead}', 'get me ready for {deal}', 'briefing on {lead} before we meet',
  ] },
  { tool: 'meeting_summary', says: [
    'summarize my last meeting', 'summarise the call notes', 'write up the meeting with {lead}', 'action items from the last call', 'summary of the meeting transcript',
  ] },
  { tool: 'interaction_log', says: [
    'log a call with {lead}', 'i just called {lead}, she wants a demo', 'record that i emailed {lead}', 'log a meeting with {lead}', 'note a call with {lead}: not interested right now', 'log an sms to {lead}',
    'schedule a meeting with {lead} next tuesday', 'i met {lead} today, went well', 'had a call with {lead}, log it',
  ] },
  { tool: 'ingest_email', says: [
    'import this email', 'ingest the mbox file', 'load these emails', 'import the eml at /tmp/mail.eml', 'parse this email thread',
  ] },
  { tool: 'ingest_transcript', says: [
    'import this transcript', 'ingest the zoom recording transcript', 'load the meeting transcript vtt', 'upload the teams transcript for {deal}', 'parse this call transcript',
  ] },
  { tool: 'ingest_events', says: [
    'import these email events', 'load engagement events', 'ingest opens and clicks', 'record these webhook events',
  ] },
];
