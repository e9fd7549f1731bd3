DROP INDEX "obligations_open_due_idx";--> statement-breakpoint
DROP INDEX "obligations_warn_due_idx";--> statement-breakpoint
CREATE INDEX "obligations_open_due_idx" ON "obligations" USING btree ("due_at","id") WHERE "obligations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "obligations_warn_due_idx" ON "obligations" USING btree ("warn_at") WHERE "obligations"."status" = 'open' AND "obligations"."warned_at" IS NULL AND "obligations"."breached_at" IS NULL;