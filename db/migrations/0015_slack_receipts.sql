CREATE TABLE "slack_receipts" (
	"key" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "slack_receipts_received_at_idx" ON "slack_receipts" USING btree ("received_at");