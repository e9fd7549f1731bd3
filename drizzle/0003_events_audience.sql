ALTER TABLE "events" ADD COLUMN "staff_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "events_topic_id_idx" ON "events" USING btree ("topic","id");