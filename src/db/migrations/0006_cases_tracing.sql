CREATE SEQUENCE "public"."case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_number" text NOT NULL,
	"person_id" uuid NOT NULL,
	"classification" text NOT NULL,
	"origin" text DEFAULT 'local' NOT NULL,
	"onset_date" date,
	"sampled_at" timestamp with time zone,
	"reported_at" timestamp with time zone NOT NULL,
	"positive_ref" text,
	"isolated_at" timestamp with time zone,
	"severity" text,
	"outcome" text DEFAULT 'under_treatment' NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_case_number_unique" UNIQUE("case_number"),
	CONSTRAINT "cases_person_id_unique" UNIQUE("person_id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid,
	"degree" text NOT NULL,
	"via_contact_id" uuid,
	"sources" text[] NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_exposure_at" timestamp with time zone,
	"status" text DEFAULT 'candidate' NOT NULL,
	"candidate_name" text,
	"candidate_phone" text,
	"candidate_id_cipher" text,
	"candidate_id_hash" text,
	"candidate_id_masked" text,
	"identified_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"dismiss_reason" text,
	"control_measure" text,
	"measure_from" timestamp with time zone,
	"measure_until" timestamp with time zone,
	"controlled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "control_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"measure" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"test_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "control_handovers_contact_id_unique" UNIQUE("contact_id")
);
--> statement-breakpoint
CREATE TABLE "investigation_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"capacity" integer DEFAULT 5 NOT NULL,
	"member_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investigations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"team_id" uuid,
	"assignee_id" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"contacts_identified_at" timestamp with time zone,
	"contacts_controlled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"work_log" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_status" text DEFAULT 'draft' NOT NULL,
	"summary" text,
	"source_hypothesis" text,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"jurisdiction_path" text NOT NULL,
	CONSTRAINT "investigations_case_id_unique" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "trajectory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"venue_id" uuid,
	"place" text,
	"detail" text,
	"source" text NOT NULL,
	"scan_id" bigint,
	"removed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transmission_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"infector_case_id" uuid NOT NULL,
	"infectee_case_id" uuid NOT NULL,
	"status" text NOT NULL,
	"evidence" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_decided_by_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_handovers" ADD CONSTRAINT "control_handovers_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_handovers" ADD CONSTRAINT "control_handovers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_teams" ADD CONSTRAINT "investigation_teams_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_team_id_investigation_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."investigation_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_assignee_id_accounts_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_entries" ADD CONSTRAINT "trajectory_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_entries" ADD CONSTRAINT "trajectory_entries_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_entries" ADD CONSTRAINT "trajectory_entries_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transmission_links" ADD CONSTRAINT "transmission_links_infector_case_id_cases_id_fk" FOREIGN KEY ("infector_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transmission_links" ADD CONSTRAINT "transmission_links_infectee_case_id_cases_id_fk" FOREIGN KEY ("infectee_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transmission_links" ADD CONSTRAINT "transmission_links_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "cases_path_idx" ON "cases" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_reported_idx" ON "cases" USING btree ("reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_case_person_idx" ON "contacts" USING btree ("case_id","person_id") WHERE person_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_case_candidate_idx" ON "contacts" USING btree ("case_id","candidate_id_hash") WHERE person_id is null and candidate_id_hash is not null;--> statement-breakpoint
CREATE INDEX "contacts_person_idx" ON "contacts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "contacts_case_idx" ON "contacts" USING btree ("case_id","status");--> statement-breakpoint
CREATE INDEX "control_handovers_status_idx" ON "control_handovers" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "investigation_teams_name_idx" ON "investigation_teams" USING btree ("jurisdiction_id","name");--> statement-breakpoint
CREATE INDEX "investigations_team_idx" ON "investigations" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "investigations_path_idx" ON "investigations" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "investigations_opened_idx" ON "investigations" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "trajectory_case_idx" ON "trajectory_entries" USING btree ("case_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trajectory_scan_idx" ON "trajectory_entries" USING btree ("case_id","scan_id") WHERE scan_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "transmission_links_pair_idx" ON "transmission_links" USING btree ("infector_case_id","infectee_case_id");--> statement-breakpoint
CREATE INDEX "transmission_links_infectee_idx" ON "transmission_links" USING btree ("infectee_case_id");