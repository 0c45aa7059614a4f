CREATE TYPE "public"."delivery_status" AS ENUM('sending', 'sent', 'failed', 'unknown', 'skipped');--> statement-breakpoint
ALTER TYPE "public"."run_status" ADD VALUE 'skipped';--> statement-breakpoint
CREATE TABLE "briefing_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"schedule_id" uuid NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"channel" "schedule_channel" NOT NULL,
	"target" text,
	"title" text,
	"text" text,
	"status" "delivery_status" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"message_id" text,
	"error" text,
	"lease_until" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "briefing_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "briefing_outbox_delivery_id_unique" UNIQUE("delivery_id")
);
--> statement-breakpoint
DROP INDEX "schedule_runs_schedule_idx";--> statement-breakpoint
ALTER TABLE "briefing_deliveries" ADD CONSTRAINT "briefing_deliveries_run_id_schedule_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."schedule_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_deliveries" ADD CONSTRAINT "briefing_deliveries_schedule_id_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."schedules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefing_outbox" ADD CONSTRAINT "briefing_outbox_delivery_id_briefing_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."briefing_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "briefing_deliveries_run_uq" ON "briefing_deliveries" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "briefing_deliveries_status_idx" ON "briefing_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_runs_slot_uq" ON "schedule_runs" USING btree ("schedule_id","slot_at");