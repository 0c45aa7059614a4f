CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text DEFAULT 'copilot' NOT NULL,
	"thread_id" text,
	"key" text,
	"requester_id" uuid NOT NULL,
	"tool" text NOT NULL,
	"input" jsonb NOT NULL,
	"preview" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"edited_input" jsonb,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "copilot_checkpoint_writes" (
	"thread_id" text NOT NULL,
	"ns" text DEFAULT '' NOT NULL,
	"checkpoint_id" text NOT NULL,
	"task_id" text NOT NULL,
	"idx" integer NOT NULL,
	"channel" text NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"task_path" text DEFAULT '' NOT NULL,
	CONSTRAINT "copilot_checkpoint_writes_thread_id_ns_checkpoint_id_task_id_idx_pk" PRIMARY KEY("thread_id","ns","checkpoint_id","task_id","idx")
);
--> statement-breakpoint
CREATE TABLE "copilot_checkpoints" (
	"thread_id" text NOT NULL,
	"ns" text DEFAULT '' NOT NULL,
	"checkpoint_id" text NOT NULL,
	"parent_id" text,
	"type" text NOT NULL,
	"checkpoint" text NOT NULL,
	"metadata" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "copilot_checkpoints_thread_id_ns_checkpoint_id_pk" PRIMARY KEY("thread_id","ns","checkpoint_id")
);
--> statement-breakpoint
CREATE TABLE "lead_memories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_memories" ADD CONSTRAINT "lead_memories_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_memories" ADD CONSTRAINT "lead_memories_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_key_uq" ON "approvals" USING btree ("key");--> statement-breakpoint
CREATE INDEX "approvals_requester_idx" ON "approvals" USING btree ("requester_id","status");--> statement-breakpoint
CREATE INDEX "approvals_thread_idx" ON "approvals" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "lead_memories_lead_idx" ON "lead_memories" USING btree ("lead_id","created_at");