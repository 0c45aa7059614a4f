import { createRng } from '../../core/random.ts';
import { COMPANIES, REPS } from '../../test/fixtures/email/generate.ts';

/** a generic-preset CSV of `rows` deals over the fixture org's reps and accounts (and new ones) */
export function genericCsv(rows: number): string {
  const rng = createRng(21);
  const stages = ['Prospecting', 'Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
  const lines = ['id,name,account,industry,stage,amount,currency,close_date,created_date,product,owner,contact,contact_email'];
  for (let i = 1; i <= rows; i++) {
    const company = rng.chance(0.5) ? rng.pick(COMPANIES).name : `Company ${rng.int(1, Math.max(10, Math.floor(rows / 20)))}`;
    const created = new Date(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28)));
    const close = new Date(created.getTime() + rng.int(20, 200) * 86_400_000);
    const first = rng.pick(['Dana', 'Omar', 'Priya', 'Lena', 'Marco', 'Yuki']);
    lines.push([
      `B-${i}`, `${company} deal ${i}`, company, rng.pick(['software', 'manufacturing', 'retail', 'health']), rng.pick(stages),
      String(rng.int(20, 400) * 250), 'USD', close.toISOString().slice(0, 10), created.toISOString().slice(0, 10),
      rng.pick(['Dealwise Pro', 'Dealwise Enterprise', 'Forecast Add-on']), rng.pick(REPS).fullName, `${first} Contact${i % 997}`,
      `${first.toLowerCase()}.c${i % 997}@${company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`,
    ].map((v) => (v.includes(',') ? `"${v}"` : v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
