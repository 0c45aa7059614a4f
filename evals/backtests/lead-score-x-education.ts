import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { LeadExample, LeadFeature, LeadScorePart } from '../../tools/leads/lead-score-types.ts';

// X Education lead-scoring data (9,240 B2C ed-tech leads, `Converted` label) mapped onto the
// lead score's four parts. Only fields the lead or its own web/email activity produce are used.

const here = path.dirname(fileURLToPath(import.meta.url));
/** <repo>/../shared/data/x_education_lead_scoring/Leads.csv */
export const X_EDUCATION_LEADS_CSV = path.resolve(here, '../../../shared/data/x_education_lead_scoring/Leads.csv');

type Row = Record<string, string>;

/** Field mapping: CSV column -> lead-score part and feature. */
export const X_EDUCATION_MAPPING: readonly { column: string; part: LeadScorePart; name: string; label: string; kind: 'numeric' | 'categorical'; phrase?: string }[] = [
  // behavioural: what the lead did on the website
  { column: 'TotalVisits', part: 'behavioural', name: 'total_visits', label: 'website visits', kind: 'numeric', phrase: 'visited {value} times' },
  { column: 'Total Time Spent on Website', part: 'behavioural', name: 'time_on_site', label: 'time on website', kind: 'numeric', phrase: 'spent {value} s on the website' },
  { column: 'Page Views Per Visit', part: 'behavioural', name: 'page_views_per_visit', label: 'page views per visit', kind: 'numeric' },
  { column: 'A free copy of Mastering The Interview', part: 'behavioural', name: 'asked_free_copy', label: 'asked for the free book', kind: 'categorical' },
  // engagement: recency / kind of the last activity, and reachability by email and phone
  { column: 'Last Activity', part: 'engagement', name: 'last_activity', label: 'last activity', kind: 'categorical' },
  { column: 'Last Notable Activity', part: 'engagement', name: 'last_notable_activity', label: 'last notable activity', kind: 'categorical' },
  { column: 'Do Not Email', part: 'engagement', name: 'do_not_email', label: 'opted out of email', kind: 'categorical' },
  { column: 'Do Not Call', part: 'engagement', name: 'do_not_call', label: 'opted out of calls', kind: 'categorical' },
  // fit: who the lead is relative to the course (stated on the form)
  { column: 'What is your current occupation', part: 'fit', name: 'occupation', label: 'occupation', kind: 'categorical' },
  { column: 'Specialization', part: 'fit', name: 'specialization', label: 'specialisation', kind: 'categorical' },
  { column: 'What matters most to you in choosing a course', part: 'fit', name: 'motivation', label: 'what matters most', kind: 'categorical' },
  // demographic / source: where the lead came from and where they live
  { column: 'Lead Origin', part: 'demographic', name: 'lead_origin', label: 'lead origin', kind: 'categorical' },
  { column: 'Lead Source', part: 'demographic', name: 'lead_source', label: 'lead source', kind: 'categorical' },
  { column: 'City', part: 'demographic', name: 'city', label: 'city', kind: 'categorical' },
  { column: 'Country', part: 'demographic', name: 'country', label: 'country', kind: 'categorical' },
  { column: 'How did you hear about X Education', part: 'demographic', name: 'heard_from', label: 'heard about us from', kind: 'categorical' },
];

/** Columns left out, and why. */
export const X_EDUCATION_EXCLUDED: readonly { column: string; why: string }[] = [
  { column: 'Converted', why: 'the label' },
  { column: 'Prospect ID, Lead Number', why: 'identifiers; the lead number also encodes time order' },
  { column: 'Tags', why: "sales rep's call disposition ('Will revert after reading the email', 'Lost to EINS'): set after contact, leaks the outcome" },
  { column: 'Lead Quality', why: "the assigned employee's judgement of the lead, made after contact" },
  { column: 'Lead Profile', why: 'a lead level assigned to the customer by the company, not given by the lead' },
  { column: 'Asymmetrique Activity/Profile Index and Score (4)', why: 'indexes and scores assigned to the customer by the company: a proprietary score, not a lead signal' },
  { column: 'Search, Magazine, Newspaper Article, X Education Forums, Newspaper, Digital Advertisement, Through Recommendations', why: 'almost all "No" (<= 14 "Yes" of 9,240): no signal' },
  { column: 'Receive More Updates About Our Courses, Update me on Supply Chain Content, Get updates on DM Content, I agree to pay the amount through cheque', why: 'a single value for every lead' },
];

/** 'Select' is the form's "not answered"; empty is missing. */
function cell(row: Row, column: string): string | null {
  const value = (row[column] ?? '').trim();
  return value === '' || value === 'Select' ? null : value;
}

export function mapXEducationRow(row: Row): LeadExample {
  const features: LeadFeature[] = X_EDUCATION_MAPPING.map(({ column, part, name, label, kind, phrase }) => {
    const raw = cell(row, column);
    const value = kind === 'numeric' ? (raw === null ? null : Number(raw)) : raw;
    return { part, name, label, value: typeof value === 'number' && !Number.isFinite(value) ? null : value, ...(phrase ? { phrase } : {}) };
  });
  return { features, converted: row.Converted === '1' };
}

/** The mapped examples, or null when the file is not there. */
export async function loadXEducationExamples(file = X_EDUCATION_LEADS_CSV): Promise<LeadExample[] | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Row[];
  return rows.map(mapXEducationRow);
}
