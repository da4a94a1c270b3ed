CREATE TABLE "areas" (
	"code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"parent_code" text,
	"population" integer,
	"area_km2" real,
	"geometry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"group" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"agency_code" text NOT NULL,
	"agency_vi" text NOT NULL,
	"agency_en" text NOT NULL,
	"severity" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"report_id" bigint,
	"district_code" text,
	"commune_code" text,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hotspot_flags" (
	"code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"trend" jsonb,
	"flagged_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "layer_features" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"layer_id" integer NOT NULL,
	"key" text NOT NULL,
	"properties" jsonb NOT NULL,
	"geometry" jsonb NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "layers" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"source" text NOT NULL,
	"licence" text NOT NULL,
	"simulated" boolean DEFAULT false NOT NULL,
	"data_date" text,
	"legend" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_hash" text,
	"latest_reading_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "layers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feature_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_contacts" (
	"report_id" bigint PRIMARY KEY NOT NULL,
	"name" text,
	"phone" text,
	"email" text
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"public_id" text NOT NULL,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"h3r6" text NOT NULL,
	"h3r7" text NOT NULL,
	"h3r8" text NOT NULL,
	"h3r9" text NOT NULL,
	"h3r10" text NOT NULL,
	"district_code" text,
	"commune_code" text,
	"agency_code" text NOT NULL,
	"media" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"clock_started_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"paused_hours" real DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_on_time" boolean,
	"accept_working_hours" real,
	"resolve_working_hours" real,
	"closed_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"reopened_count" integer DEFAULT 0 NOT NULL,
	"rating" smallint,
	"duplicate_of" bigint,
	"source" text NOT NULL,
	"publishable" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reports_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
ALTER TABLE "layer_features" ADD CONSTRAINT "layer_features_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_feature_id_layer_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."layer_features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_contacts" ADD CONSTRAINT "report_contacts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_category_categories_code_fk" FOREIGN KEY ("category") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "areas_level_idx" ON "areas" USING btree ("level");--> statement-breakpoint
CREATE INDEX "events_report_idx" ON "events" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "layer_features_layer_key_idx" ON "layer_features" USING btree ("layer_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "readings_feature_metric_at_idx" ON "readings" USING btree ("feature_id","metric","at");--> statement-breakpoint
CREATE INDEX "readings_at_idx" ON "readings" USING btree ("at");--> statement-breakpoint
CREATE INDEX "reports_created_at_idx" ON "reports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status");--> statement-breakpoint
CREATE INDEX "reports_district_idx" ON "reports" USING btree ("district_code","created_at");--> statement-breakpoint
CREATE INDEX "reports_commune_idx" ON "reports" USING btree ("commune_code","created_at");--> statement-breakpoint
CREATE INDEX "reports_category_idx" ON "reports" USING btree ("category");--> statement-breakpoint
CREATE INDEX "reports_due_at_idx" ON "reports" USING btree ("due_at");