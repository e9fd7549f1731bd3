-- Hand-edited after drizzle-kit generate: the column is added nullable, the
-- existing posts are numbered in thread order (oldest first, id breaking
-- ties, as the thread page listed them), and only then made NOT NULL and unique.
ALTER TABLE "posts" ADD COLUMN "position" integer;--> statement-breakpoint
UPDATE "posts" SET "position" = numbered."position"
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "thread_id" ORDER BY "created_at", "id")::integer AS "position" FROM "posts"
) AS numbered
WHERE "posts"."id" = numbered."id";--> statement-breakpoint
ALTER TABLE "posts" ALTER COLUMN "position" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "posts_thread_position_key" ON "posts" USING btree ("thread_id","position");--> statement-breakpoint
DROP INDEX "posts_thread_idx";--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "last_position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "threads" SET "last_position" = counted."last_position"
FROM (SELECT "thread_id", max("position") AS "last_position" FROM "posts" GROUP BY "thread_id") AS counted
WHERE "threads"."id" = counted."thread_id";
