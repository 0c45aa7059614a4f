import type { AbTestRow, OutboundEmailRow } from '../../db/repos/analytics-engagement.ts';
import { compareArms, type AbVerdict } from './ab-test.ts';

// Each A/B test's arms from the outbound emails that carry its id and variant, sent in the period.
// Trials are delivered emails (bounces and untracked sends are left out); a success is the test's metric
// having happened to the email (opened, clicked, replied...). The verdict comes from compareArms.

export interface AbTestResult {
  test: AbTestRow;
  a: { template: string | null; delivered: number; successes: number };
  b: { template: string | null; delivered: number; successes: number };
  verdict: AbVerdict;
}

function succeeded(e: OutboundEmailRow, metric: AbTestRow['metric']): boolean {
  switch (metric) {
    case 'opened':
      return e.opened;
    case 'clicked':
      return e.clicked;
    case 'replied':
      return e.replied;
    case 'unsubscribed':
      return e.unsubscribed;
    case 'bounced':
      return e.bounced;
    case 'sent':
    case 'delivered':
      return e.delivered;
  }
}

export function abTestResults(tests: readonly AbTestRow[], emails: readonly OutboundEmailRow[], alpha: number): AbTestResult[] {
  return tests.map((test) => {
    const arms = { A: { n: 0, x: 0 }, B: { n: 0, x: 0 } };
    for (const e of emails) {
      if (e.abTestId !== test.id || !e.delivered) continue;
      const variant = e.abVariant?.trim().toUpperCase();
      if (variant !== 'A' && variant !== 'B') continue;
      arms[variant].n++;
      if (succeeded(e, test.metric)) arms[variant].x++;
    }
    const verdict = compareArms({ label: test.variantA ?? 'variant A', ...arms.A }, { label: test.variantB ?? 'variant B', ...arms.B }, alpha);
    return {
      test,
      a: { template: test.variantA, delivered: arms.A.n, successes: arms.A.x },
      b: { template: test.variantB, delivered: arms.B.n, successes: arms.B.x },
      verdict,
    };
  });
}
