CREATE TABLE "initiative_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"initiative_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"answer_vi" text NOT NULL,
	"answer_en" text,
	"actor_user_id" integer,
	"actor_role" text
);
--> statement-breakpoint
CREATE TABLE "initiative_contacts" (
	"initiative_id" bigint PRIMARY KEY NOT NULL,
	"name" text,
	"phone" text,
	"email" text
);
--> statement-breakpoint
CREATE TABLE "initiative_supports" (
	"initiative_id" bigint NOT NULL,
	"identity_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "initiative_supports_initiative_id_identity_hash_pk" PRIMARY KEY("initiative_id","identity_hash")
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"public_id" text NOT NULL,
	"topic" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"public_title" text,
	"public_text" text,
	"lat" double precision,
	"lng" double precision,
	"district_code" text,
	"commune_code" text,
	"support_count" integer DEFAULT 0 NOT NULL,
	"citizen_token_hash" text,
	"source" text NOT NULL,
	"former_report_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"first_answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" integer,
	CONSTRAINT "initiatives_public_id_unique" UNIQUE("public_id"),
	CONSTRAINT "initiatives_citizen_token_hash_unique" UNIQUE("citizen_token_hash"),
	CONSTRAINT "initiatives_former_report_id_unique" UNIQUE("former_report_id"),
	CONSTRAINT "initiatives_point" CHECK (("initiatives"."lat" is null) = ("initiatives"."lng" is null)),
	CONSTRAINT "initiatives_published" CHECK (("initiatives"."published_at" is null) = ("initiatives"."public_title" is null)),
	CONSTRAINT "initiatives_supports" CHECK ("initiatives"."support_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "initiative_answers" ADD CONSTRAINT "initiative_answers_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_contacts" ADD CONSTRAINT "initiative_contacts_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_supports" ADD CONSTRAINT "initiative_supports_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiative_answers_initiative_idx" ON "initiative_answers" USING btree ("initiative_id","at");--> statement-breakpoint
CREATE INDEX "initiatives_created_at_idx" ON "initiatives" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "initiatives_status_idx" ON "initiatives" USING btree ("status");--> statement-breakpoint
CREATE INDEX "initiatives_district_idx" ON "initiatives" USING btree ("district_code","created_at");--> statement-breakpoint
CREATE INDEX "initiatives_commune_idx" ON "initiatives" USING btree ("commune_code","created_at");--> statement-breakpoint
CREATE INDEX "initiatives_published_idx" ON "initiatives" USING btree ("published_at");--> statement-breakpoint
-- Data: until this migration an idea was a report of a category of group 'initiative' (the Hanoi
-- pack's initiative_suggestion). Each such report becomes an initiative, keeping its public id (the
-- one its citizen was given), times, title, description (unpublished: no operator has published it),
-- point and areas; its status maps received → submitted, accepted/in_progress/reopened →
-- under_review, resolved/closed → accepted, rejected/duplicate → declined; its first answer is its
-- acceptance (or its end). The topic is guessed from the words of its title and text, 'other' when
-- none fit. The reporter's contact moves to initiative_contacts. Then the report rows go (their
-- report_contacts with them, by cascade) and so do the initiative categories. The event log is
-- append-only history: the old report.* events stay as what the stream once said, naming a report
-- id that no longer exists; nothing reads a report's events without its row.
INSERT INTO "initiatives" ("public_id", "topic", "status", "title", "description", "lat", "lng", "district_code", "commune_code", "support_count", "source", "former_report_id", "created_at", "updated_at", "first_answered_at", "ended_at")
SELECT r."public_id",
  CASE
    WHEN lower(r."title" || ' ' || r."description") ~ '(ứng dụng|ihanoi|trực tuyến|dịch vụ công|cổng thông tin|chuyển đổi số)' THEN 'digital_services'
    WHEN lower(r."title" || ' ' || r."description") ~ '(đèn tín hiệu|giao thông|xe buýt|vạch sang đường|bãi đỗ|tàu điện|đi bộ)' THEN 'transport'
    WHEN lower(r."title" || ' ' || r."description") ~ '(quy hoạch|vườn hoa|công viên|sân chơi)' THEN 'planning'
    WHEN lower(r."title" || ' ' || r."description") ~ '(rác|cây xanh|môi trường|ô nhiễm|tái chế)' THEN 'environment'
    WHEN lower(r."title" || ' ' || r."description") ~ '(văn hoá|văn hóa|lễ hội|di tích|thư viện)' THEN 'culture'
    ELSE 'other'
  END,
  CASE r."status"
    WHEN 'received' THEN 'submitted'
    WHEN 'resolved' THEN 'accepted'
    WHEN 'closed' THEN 'accepted'
    WHEN 'rejected' THEN 'declined'
    WHEN 'duplicate' THEN 'declined'
    ELSE 'under_review'
  END,
  r."title", r."description", r."lat", r."lng", r."district_code", r."commune_code", 0, 'migrated', r."id",
  r."created_at", r."updated_at",
  CASE WHEN r."status" = 'received' THEN NULL ELSE coalesce(r."accepted_at", r."ended_at", r."updated_at") END,
  CASE WHEN r."status" IN ('rejected', 'duplicate') THEN coalesce(r."ended_at", r."updated_at") END
FROM "reports" r
JOIN "categories" c ON c."code" = r."category"
WHERE c."group" = 'initiative'
ORDER BY r."id";--> statement-breakpoint
INSERT INTO "initiative_contacts" ("initiative_id", "name", "phone", "email")
SELECT i."id", rc."name", rc."phone", rc."email"
FROM "report_contacts" rc
JOIN "initiatives" i ON i."former_report_id" = rc."report_id";--> statement-breakpoint
DELETE FROM "reports" WHERE "id" IN (SELECT "former_report_id" FROM "initiatives" WHERE "former_report_id" IS NOT NULL);--> statement-breakpoint
DELETE FROM "categories" WHERE "group" = 'initiative';
