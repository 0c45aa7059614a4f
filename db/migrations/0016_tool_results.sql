CREATE TABLE "tool_results" (
	"key" text PRIMARY KEY NOT NULL,
	"tool" text NOT NULL,
	"input_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
