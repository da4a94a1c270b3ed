ALTER TABLE "reports" ADD COLUMN "import_source" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "source_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_import_source_id_idx" ON "reports" USING btree ("import_source","source_id");