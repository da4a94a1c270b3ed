CREATE TABLE "chat_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"thread_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"side" text NOT NULL,
	"actor_user_id" integer,
	"actor_role" text,
	"text" text NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "chat_messages_actor" CHECK (("chat_messages"."side" = 'staff') = ("chat_messages"."actor_user_id" is not null and "chat_messages"."actor_role" is not null))
);
--> statement-breakpoint
CREATE TABLE "chat_threads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint,
	"subject" text,
	"token_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_user_id" integer,
	"created_by_role" text,
	"citizen_read_id" bigint DEFAULT 0 NOT NULL,
	"staff_read_id" bigint DEFAULT 0 NOT NULL,
	"last_message_at" timestamp with time zone,
	CONSTRAINT "chat_threads_kind" CHECK (("chat_threads"."report_id" is null) = ("chat_threads"."subject" is not null and "chat_threads"."token_hash" is not null))
);
--> statement-breakpoint
CREATE TABLE "report_citizen_tokens" (
	"report_id" bigint PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_thread_id_chat_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."chat_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_threads" ADD CONSTRAINT "chat_threads_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_citizen_tokens" ADD CONSTRAINT "report_citizen_tokens_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_messages_thread_idx" ON "chat_messages" USING btree ("thread_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "chat_threads_report_idx" ON "chat_threads" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "chat_threads_last_message_idx" ON "chat_threads" USING btree ("last_message_at");--> statement-breakpoint
CREATE INDEX "events_actor_at_idx" ON "events" USING btree ("at") WHERE "events"."actor_user_id" is not null;--> statement-breakpoint
CREATE INDEX "events_actor_user_idx" ON "events" USING btree ("actor_user_id","at") WHERE "events"."actor_user_id" is not null;