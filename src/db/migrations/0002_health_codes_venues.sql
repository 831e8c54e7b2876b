CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"colour_at_appeal" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"filed_by_phone" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"override_id" uuid
);
--> statement-breakpoint
CREATE TABLE "citizen_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "colour_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"from_colour" text,
	"to_colour" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"policy_version" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "colour_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"colour" text NOT NULL,
	"reason" text NOT NULL,
	"valid_until" timestamp with time zone,
	"status" text NOT NULL,
	"appeal_id" uuid,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "colour_policies" (
	"version" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"preset" text,
	"rules" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_codes" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"pseudonym" text NOT NULL,
	"colour" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"green_at" timestamp with time zone,
	"next_change_at" timestamp with time zone,
	"policy_version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_codes_pseudonym_unique" UNIQUE("pseudonym")
);
--> statement-breakpoint
CREATE TABLE "health_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_cipher" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "test_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"result" text NOT NULL,
	"sampled_at" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "pass_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"venue_id" uuid,
	"checked_by" uuid NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"colour" text NOT NULL,
	"temperature" numeric(4, 1),
	"result" text NOT NULL,
	"reasons" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venue_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" text NOT NULL,
	"person_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	"colour_shown" text NOT NULL,
	"result" text NOT NULL,
	"reason" text,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venue_scans_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"address" text,
	"jurisdiction_id" uuid NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venues_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_resolved_by_accounts_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_notices" ADD CONSTRAINT "citizen_notices_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colour_changes" ADD CONSTRAINT "colour_changes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colour_overrides" ADD CONSTRAINT "colour_overrides_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colour_overrides" ADD CONSTRAINT "colour_overrides_proposed_by_accounts_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colour_overrides" ADD CONSTRAINT "colour_overrides_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "colour_policies" ADD CONSTRAINT "colour_policies_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_codes" ADD CONSTRAINT "health_codes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_facts" ADD CONSTRAINT "health_facts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_facts" ADD CONSTRAINT "health_facts_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_checks" ADD CONSTRAINT "pass_checks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_checks" ADD CONSTRAINT "pass_checks_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pass_checks" ADD CONSTRAINT "pass_checks_checked_by_accounts_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_scans" ADD CONSTRAINT "venue_scans_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_scans" ADD CONSTRAINT "venue_scans_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_queue_idx" ON "appeals" USING btree ("status","jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "appeals_person_idx" ON "appeals" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "citizen_notices_person_idx" ON "citizen_notices" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "colour_changes_person_idx" ON "colour_changes" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "colour_overrides_person_idx" ON "colour_overrides" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "colour_overrides_status_idx" ON "colour_overrides" USING btree ("status","proposed_at");--> statement-breakpoint
CREATE INDEX "health_codes_next_change_idx" ON "health_codes" USING btree ("next_change_at") WHERE next_change_at is not null;--> statement-breakpoint
CREATE INDEX "health_facts_person_idx" ON "health_facts" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "health_facts_source_idx" ON "health_facts" USING btree ("source","source_ref","kind","person_id") WHERE source_ref is not null;--> statement-breakpoint
CREATE INDEX "test_results_person_idx" ON "test_results" USING btree ("person_id","sampled_at");--> statement-breakpoint
CREATE INDEX "pass_checks_person_idx" ON "pass_checks" USING btree ("person_id","checked_at");--> statement-breakpoint
CREATE INDEX "pass_checks_venue_idx" ON "pass_checks" USING btree ("venue_id","checked_at") WHERE venue_id is not null;--> statement-breakpoint
CREATE INDEX "venue_scans_venue_idx" ON "venue_scans" USING btree ("venue_id","scanned_at");--> statement-breakpoint
CREATE INDEX "venue_scans_person_idx" ON "venue_scans" USING btree ("person_id","scanned_at");--> statement-breakpoint
CREATE INDEX "venue_scans_at_idx" ON "venue_scans" USING btree ("scanned_at");--> statement-breakpoint
CREATE INDEX "venues_path_idx" ON "venues" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "venues_name_idx" ON "venues" USING btree ("name" text_pattern_ops);