import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client.ts';
import { recentLinkedInteractions, type LinkedInteraction } from '../../db/repos/interactions.ts';
import { leadsForRisk, openDealsForRisk } from '../../db/repos/risk.ts';
import { interactionTexts, riskTimelines } from '../../db/repos/risk-timelines.ts';
import { createDemoStore, DEMO_NOW } from '../../test/helpers/demo.ts';
import { negativeSentiment } from './risk-trends.ts';
import { noContact, noResponse } from './risk-signals.ts';
import { DEFAULT_RISK_THRESHOLDS, type RiskThresholds } from './risk-thresholds.ts';

// The risk scan reads a cut timeline (db/repos/risk-timelines.ts): only the rows a signal can act on, without
// text. These checks hold it to the full timeline it replaced, record by record, on the demo org: the same
// findings from every timeline signal, and once the text is filled in, the same evidence word for word.

const all = { kind: 'all' } as const;

function timelineFindings(timeline: LinkedInteraction[], record: { id: string; createdAt: Date }, t: RiskThresholds) {
  return [
    noContact(timeline, { createdAt: record.createdAt, lastContactedAt: null, recordId: record.id, kind: 'opportunity' }, DEMO_NOW, t),
    noResponse(timeline, t),
    negativeSentiment(timeline, t),
  ];
}

describe('risk timelines', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createDemoStore(0.05);
  });
  afterAll(async () => {
    await store?.close();
  });

  const THRESHOLDS: RiskThresholds[] = [
    DEFAULT_RISK_THRESHOLDS,
    // tight settings: a streak of one, a short sentiment window, so most records fire something
    { ...DEFAULT_RISK_THRESHOLDS, noContactDays: 1, noResponseCount: 1, sentimentWindow: 3, sentimentRecent: 1, sentimentNegativeCount: 1 },
  ];

  for (const kind of ['opportunity', 'lead'] as const) {
    it(`gives every ${kind} the findings its full timeline gives, and the same evidence once text is in`, async () => {
      const records = kind === 'opportunity' ? await openDealsForRisk(store.db, all) : await leadsForRisk(store.db, all);
      const ids = records.map((r) => r.id);
      expect(ids.length).toBeGreaterThan(10);
      for (const t of THRESHOLDS) {
        const options = { asOf: DEMO_NOW, latest: Math.max(20, t.noResponseCount + 5), latestWithSentiment: t.sentimentWindow };
        const full = await recentLinkedInteractions(store.db, kind, all, ids, options);
        const cut = await riskTimelines(store.db, kind, all, ids, options);
        const texts = await interactionTexts(store.db, [...cut.values()].flat().map((ix) => ix.id));
        let fired = 0;
        for (const record of records) {
          const fullTimeline = full.filter((ix) => ix.recordId === record.id);
          const cutTimeline = cut.get(record.id) ?? [];
          expect(cutTimeline.length).toBeLessThanOrEqual(fullTimeline.length);
          const expected = timelineFindings(fullTimeline, record, t);
          const withoutText = timelineFindings(cutTimeline, record, t);
          // without text only the quotes differ
          const shape = (f: ReturnType<typeof timelineFindings>) => f.map((s) => s && { ...s, evidence: s.evidence.map((e) => e.sourceId) });
          expect(shape(withoutText)).toEqual(shape(expected));
          for (const ix of cutTimeline) Object.assign(ix, texts.get(ix.id));
          expect(timelineFindings(cutTimeline, record, t)).toEqual(expected);
          fired += expected.filter(Boolean).length;
        }
        expect(fired).toBeGreaterThan(0);
      }
    });
  }
});
