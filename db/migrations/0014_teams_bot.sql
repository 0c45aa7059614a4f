CREATE TABLE "teams_activities" (
	"activity_key" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams_threads" (
	"conversation_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"thread_id" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "teams_threads_conversation_id_user_id_pk" PRIMARY KEY("conversation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "teams_threads" ADD CONSTRAINT "teams_threads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "teams_activities_received_idx" ON "teams_activities" USING btree ("received_at");