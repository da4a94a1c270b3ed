CREATE TABLE "booking_contacts" (
	"booking_id" bigint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"subject" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reception_bookings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"slot_id" bigint NOT NULL,
	"code_hash" text NOT NULL,
	"status" text NOT NULL,
	"cancelled_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"marked_at" timestamp with time zone,
	CONSTRAINT "reception_bookings_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "reception_slots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"office_code" text NOT NULL,
	"office_level" text NOT NULL,
	"district_code" text,
	"commune_code" text,
	"local_date" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"topic" text,
	"officer" text,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"attended" integer DEFAULT 0 NOT NULL,
	"no_show" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reception_slots_seats" CHECK ("reception_slots"."capacity" > 0 and "reception_slots"."booked" between 0 and "reception_slots"."capacity"),
	CONSTRAINT "reception_slots_marked" CHECK ("reception_slots"."attended" >= 0 and "reception_slots"."no_show" >= 0 and "reception_slots"."attended" + "reception_slots"."no_show" <= "reception_slots"."booked"),
	CONSTRAINT "reception_slots_times" CHECK ("reception_slots"."ends_at" > "reception_slots"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "booking_contacts" ADD CONSTRAINT "booking_contacts_booking_id_reception_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."reception_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_slot_id_reception_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."reception_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reception_bookings_slot_idx" ON "reception_bookings" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "reception_slots_office_idx" ON "reception_slots" USING btree ("office_code","starts_at");--> statement-breakpoint
CREATE INDEX "reception_slots_starts_idx" ON "reception_slots" USING btree ("starts_at");