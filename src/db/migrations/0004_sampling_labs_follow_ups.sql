CREATE TABLE "follow_up_members" (
	"follow_up_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"community_id" uuid,
	"jurisdiction_path" text NOT NULL,
	"status" text NOT NULL,
	"retest_barcode" text,
	"retest_sampled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "follow_up_members_follow_up_id_person_id_pk" PRIMARY KEY("follow_up_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "pool_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tube_id" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"retest_due_at" timestamp with time zone NOT NULL,
	"close_due_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"jurisdiction_path" text NOT NULL,
	CONSTRAINT "pool_follow_ups_tube_id_unique" UNIQUE("tube_id")
);
--> statement-breakpoint
CREATE TABLE "result_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"barcode" text NOT NULL,
	"kind" text NOT NULL,
	"result" text NOT NULL,
	"ct_orf1ab" numeric(5, 2),
	"ct_n" numeric(5, 2),
	"tested_at" timestamp with time zone NOT NULL,
	"lab" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "round_areas" (
	"round_id" uuid NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"pool_size" integer NOT NULL,
	CONSTRAINT "round_areas_round_id_jurisdiction_id_pk" PRIMARY KEY("round_id","jurisdiction_id")
);
--> statement-breakpoint
CREATE TABLE "sampling_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"jurisdiction_id" uuid NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"hours" text,
	"teams" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_points_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "testing_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tube_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transfer_code" text NOT NULL,
	"lab" text NOT NULL,
	"sent_by" uuid,
	"sent_at" timestamp with time zone NOT NULL,
	"received_by" uuid,
	"received_at" timestamp with time zone,
	CONSTRAINT "tube_batches_transfer_code_unique" UNIQUE("transfer_code")
);
--> statement-breakpoint
CREATE TABLE "tube_members" (
	"tube_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"round_id" uuid,
	"sampled_at" timestamp with time zone NOT NULL,
	"sampled_by" uuid,
	"client_event_id" text NOT NULL,
	CONSTRAINT "tube_members_tube_id_person_id_pk" PRIMARY KEY("tube_id","person_id"),
	CONSTRAINT "tube_members_client_event_id_unique" UNIQUE("client_event_id")
);
--> statement-breakpoint
CREATE TABLE "tubes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"barcode" text NOT NULL,
	"round_id" uuid,
	"sampling_point_id" uuid,
	"jurisdiction_path" text NOT NULL,
	"pool_size" integer NOT NULL,
	"purpose" text DEFAULT 'screening' NOT NULL,
	"status" text NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"batch_id" uuid,
	"received_at" timestamp with time zone,
	"result" text,
	"ct_orf1ab" numeric(5, 2),
	"ct_n" numeric(5, 2),
	"tested_at" timestamp with time zone,
	"resulted_at" timestamp with time zone,
	"lab" text,
	CONSTRAINT "tubes_barcode_unique" UNIQUE("barcode")
);
--> statement-breakpoint
ALTER TABLE "follow_up_members" ADD CONSTRAINT "follow_up_members_follow_up_id_pool_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."pool_follow_ups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_members" ADD CONSTRAINT "follow_up_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_members" ADD CONSTRAINT "follow_up_members_community_id_jurisdictions_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_follow_ups" ADD CONSTRAINT "pool_follow_ups_tube_id_tubes_id_fk" FOREIGN KEY ("tube_id") REFERENCES "public"."tubes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_conflicts" ADD CONSTRAINT "result_conflicts_resolved_by_accounts_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_areas" ADD CONSTRAINT "round_areas_round_id_testing_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."testing_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_areas" ADD CONSTRAINT "round_areas_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_points" ADD CONSTRAINT "sampling_points_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "testing_rounds" ADD CONSTRAINT "testing_rounds_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tube_batches" ADD CONSTRAINT "tube_batches_sent_by_accounts_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tube_batches" ADD CONSTRAINT "tube_batches_received_by_accounts_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tube_members" ADD CONSTRAINT "tube_members_tube_id_tubes_id_fk" FOREIGN KEY ("tube_id") REFERENCES "public"."tubes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tube_members" ADD CONSTRAINT "tube_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tube_members" ADD CONSTRAINT "tube_members_round_id_testing_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."testing_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tube_members" ADD CONSTRAINT "tube_members_sampled_by_accounts_id_fk" FOREIGN KEY ("sampled_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tubes" ADD CONSTRAINT "tubes_round_id_testing_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."testing_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tubes" ADD CONSTRAINT "tubes_sampling_point_id_sampling_points_id_fk" FOREIGN KEY ("sampling_point_id") REFERENCES "public"."sampling_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tubes" ADD CONSTRAINT "tubes_opened_by_accounts_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_members_path_idx" ON "follow_up_members" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "follow_up_members_person_idx" ON "follow_up_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pool_follow_ups_open_idx" ON "pool_follow_ups" USING btree ("closed_at","opened_at");--> statement-breakpoint
CREATE INDEX "pool_follow_ups_path_idx" ON "pool_follow_ups" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "result_conflicts_status_idx" ON "result_conflicts" USING btree ("status","reported_at");--> statement-breakpoint
CREATE INDEX "sampling_points_path_idx" ON "sampling_points" USING btree ("jurisdiction_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "tube_members_round_person_idx" ON "tube_members" USING btree ("round_id","person_id") WHERE round_id is not null;--> statement-breakpoint
CREATE INDEX "tube_members_person_idx" ON "tube_members" USING btree ("person_id","sampled_at");--> statement-breakpoint
CREATE INDEX "tubes_round_idx" ON "tubes" USING btree ("round_id","status");--> statement-breakpoint
CREATE INDEX "tubes_batch_idx" ON "tubes" USING btree ("batch_id") WHERE batch_id is not null;--> statement-breakpoint
CREATE INDEX "tubes_path_idx" ON "tubes" USING btree ("jurisdiction_path" text_pattern_ops);