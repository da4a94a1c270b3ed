CREATE TABLE "alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"body_vi" text NOT NULL,
	"body_en" text NOT NULL,
	"area_code" text,
	"geometry" jsonb,
	"area_codes" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "alerts_place" CHECK (("alerts"."area_code" is null) <> ("alerts"."geometry" is null)),
	CONSTRAINT "alerts_window" CHECK ("alerts"."expires_at" > "alerts"."starts_at"),
	CONSTRAINT "alerts_ended" CHECK (("alerts"."status" = 'active') = ("alerts"."ended_at" is null))
);
--> statement-breakpoint
CREATE TABLE "news_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"body_vi" text NOT NULL,
	"body_en" text NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"published_by" integer
);
--> statement-breakpoint
CREATE INDEX "alerts_status_expires_idx" ON "alerts" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "news_items_published_idx" ON "news_items" USING btree ("status","published_at");