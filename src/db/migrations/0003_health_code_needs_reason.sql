-- A red or yellow code must carry at least one reason (a recorded fact or an approved override):
-- the database itself refuses a colour given for no health reason.
ALTER TABLE health_codes ADD CONSTRAINT health_codes_colour_needs_reason
  CHECK (colour = 'green' OR jsonb_array_length(reasons) > 0);
--> statement-breakpoint
ALTER TABLE health_codes ADD CONSTRAINT health_codes_colour_known CHECK (colour IN ('green', 'yellow', 'red'));
--> statement-breakpoint
-- Two different accounts: the approver of an override is never its proposer.
ALTER TABLE colour_overrides ADD CONSTRAINT colour_overrides_two_people CHECK (decided_by IS NULL OR decided_by <> proposed_by);
