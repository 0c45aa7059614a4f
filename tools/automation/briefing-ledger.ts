import type { Db } from '../../db/client.ts';
import * as repo from '../../db/repos/briefing-deliveries.ts';

// The scheduled-briefing ledger as the server's scheduler sees it: the repo's claims and records bound to
// one database, so server/briefings never imports db/ (surfaces reach data through the tool layer).

export type BriefingScheduleRow = repo.BriefingScheduleRow;
export type DeliveryRow = repo.DeliveryRow;
export type RunRow = repo.RunRow;
export type OpenDelivery = repo.OpenDelivery;

export function briefingLedger(db: Db) {
  return {
    schedules: () => repo.briefingSchedules(db),
    scheduleById: (id: string) => repo.scheduleById(db, id),
    lastSlots: () => repo.lastSlots(db),
    claimSlot: (c: { scheduleId: string; slotAt: Date; now: Date }) => repo.claimSlot(db, c),
    recordSkipped: (s: { schedule: BriefingScheduleRow; slotAt: Date; now: Date; reason: string }) => repo.recordSkipped(db, s),
    openDelivery: (d: OpenDelivery) => repo.openDelivery(db, d),
    recordUndeliverable: (d: Parameters<typeof repo.recordUndeliverable>[1]) => repo.recordUndeliverable(db, d),
    recordSent: (id: string, r: { messageId: string; now: Date }) => repo.recordSent(db, id, r),
    recordFailed: (id: string, r: { error: string; now: Date; nextAttemptAt: Date | null }) => repo.recordFailed(db, id, r),
    recordUnknown: (id: string, r: { error: string; now: Date }) => repo.recordUnknown(db, id, r),
    takeDueRetries: (t: { now: Date; leaseUntil: Date; limit: number }) => repo.takeDueRetries(db, t),
    takeExpiredSending: (t: { now: Date; leaseUntil: Date; limit: number }) => repo.takeExpiredSending(db, t),
    takeStalledRuns: (t: { now: Date; startedBefore: Date; limit: number }) => repo.takeStalledRuns(db, t),
    deliveriesOf: (scheduleId: string, limit?: number) => repo.deliveriesOf(db, scheduleId, limit),
    audience: (userId: string) => repo.briefingAudience(db, userId),
    putOutbox: (m: { deliveryId: string; to: string; subject: string; text: string; now: Date }) => repo.putOutbox(db, m),
    outboxIdFor: (deliveryId: string) => repo.outboxIdFor(db, deliveryId),
  };
}

export type BriefingLedger = ReturnType<typeof briefingLedger>;
