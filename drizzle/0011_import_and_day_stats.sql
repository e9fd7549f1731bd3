CREATE TABLE "import_rows" (
	"import_key" text NOT NULL,
	"kind" text NOT NULL,
	"source_id" bigint NOT NULL,
	"replay_at" timestamp with time zone NOT NULL,
	"rank" smallint NOT NULL,
	"data" jsonb,
	"done_at" timestamp with time zone,
	"skipped" text,
	"thread_id" integer,
	"post_id" integer,
	CONSTRAINT "import_rows_import_key_kind_source_id_pk" PRIMARY KEY("import_key","kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "obligation_day_stats" (
	"time_zone" text NOT NULL,
	"day" date NOT NULL,
	"category_id" integer NOT NULL,
	"responder_id" integer NOT NULL,
	"responder_team_id" integer NOT NULL,
	"obligations" integer DEFAULT 0 NOT NULL,
	"met" integer DEFAULT 0 NOT NULL,
	"breached_answered" integer DEFAULT 0 NOT NULL,
	"open_count" integer DEFAULT 0 NOT NULL,
	"no_response_needed" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"response_seconds" "bytea" DEFAULT '\x'::bytea NOT NULL,
	CONSTRAINT "obligation_day_stats_time_zone_day_category_id_responder_id_responder_team_id_pk" PRIMARY KEY("time_zone","day","category_id","responder_id","responder_team_id")
);
--> statement-breakpoint
CREATE TABLE "obligation_stats_zones" (
	"time_zone" text PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "threads" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "import_rows_pending_idx" ON "import_rows" USING btree ("import_key","kind","replay_at","rank","source_id") WHERE "import_rows"."done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "posts_source_key" ON "posts" USING btree ("thread_id","source_id");--> statement-breakpoint
-- The statistics of the 15-minute rule per local day (obligation_day_stats),
-- kept by triggers so that every write to obligations and every change of a
-- thread's solved state moves them in the same transaction, whoever writes.
-- The buckets are those of packages/core/src/sla/obligation-state-sql.ts;
-- apps/api/test/sla-day-stats.test.ts holds the two together.
CREATE FUNCTION obligation_seconds_remove(secs bytea, v float8) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  needle bytea := float8send(v);
  n integer := length(secs) / 8;
  i integer := 0;
BEGIN
  WHILE i < n LOOP
    IF substring(secs FROM i * 8 + 1 FOR 8) = needle THEN
      RETURN substring(secs FROM 1 FOR i * 8) || substring(secs FROM i * 8 + 9);
    END IF;
    i := i + 1;
  END LOOP;
  RETURN secs;
END $$;
--> statement-breakpoint
-- One obligation's share of its local day's figures, added (dir 1) or taken
-- back (dir -1), in every kept zone (or only `only_zone`).
CREATE FUNCTION obligation_day_stats_add(o obligations, dir integer, only_zone text DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  z text;
  solved boolean;
  secs float8;
BEGIN
  IF o.status = 'cancelled' THEN
    RETURN;
  END IF;
  SELECT (t.accepted_post_id IS NOT NULL OR t.resolved_by_author IS TRUE) INTO solved FROM threads t WHERE t.id = o.thread_id;
  IF o.status = 'met' THEN
    secs := extract(epoch FROM (o.responded_at - o.opened_at))::float8;
  END IF;
  FOR z IN SELECT time_zone FROM obligation_stats_zones WHERE only_zone IS NULL OR time_zone = only_zone ORDER BY time_zone LOOP
    INSERT INTO obligation_day_stats AS s (time_zone, day, category_id, responder_id, responder_team_id,
        obligations, met, breached_answered, open_count, no_response_needed, resolved, response_seconds)
    VALUES (z, (o.opened_at AT TIME ZONE z)::date, o.category_id, coalesce(o.responder_id, 0), coalesce(o.responder_team_id, 0),
        dir,
        CASE WHEN o.status = 'met' AND o.responded_at <= o.due_at THEN dir ELSE 0 END,
        CASE WHEN o.status = 'met' AND o.responded_at > o.due_at THEN dir ELSE 0 END,
        CASE WHEN o.status = 'open' THEN dir ELSE 0 END,
        CASE WHEN o.status = 'no_response_needed' THEN dir ELSE 0 END,
        CASE WHEN o.status <> 'no_response_needed' AND solved THEN dir ELSE 0 END,
        CASE WHEN secs IS NOT NULL AND dir > 0 THEN float8send(secs) ELSE '\x'::bytea END)
    ON CONFLICT (time_zone, day, category_id, responder_id, responder_team_id) DO UPDATE SET
      obligations = s.obligations + excluded.obligations,
      met = s.met + excluded.met,
      breached_answered = s.breached_answered + excluded.breached_answered,
      open_count = s.open_count + excluded.open_count,
      no_response_needed = s.no_response_needed + excluded.no_response_needed,
      resolved = s.resolved + excluded.resolved,
      response_seconds = CASE
        WHEN secs IS NULL THEN s.response_seconds
        WHEN dir > 0 THEN s.response_seconds || excluded.response_seconds
        ELSE obligation_seconds_remove(s.response_seconds, secs)
      END;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION obligations_day_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM obligation_day_stats_add(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM obligation_day_stats_add(OLD, -1);
  -- Old share out, new share in, in key order: two transactions never wait for each other's rows in turn.
  ELSIF (OLD.category_id, coalesce(OLD.responder_id, 0), coalesce(OLD.responder_team_id, 0))
      <= (NEW.category_id, coalesce(NEW.responder_id, 0), coalesce(NEW.responder_team_id, 0)) THEN
    PERFORM obligation_day_stats_add(OLD, -1);
    PERFORM obligation_day_stats_add(NEW, 1);
  ELSE
    PERFORM obligation_day_stats_add(NEW, 1);
    PERFORM obligation_day_stats_add(OLD, -1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER obligations_day_stats AFTER INSERT OR DELETE OR UPDATE OF status, category_id, thread_id, opened_at, due_at, responded_at, responder_id, responder_team_id
  ON obligations FOR EACH ROW EXECUTE FUNCTION obligations_day_stats();
--> statement-breakpoint
-- A thread solved or unsolved: its obligations (but cancelled and no-response-needed ones) count as resolved or not.
CREATE FUNCTION threads_day_stats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := OLD.accepted_post_id IS NOT NULL OR OLD.resolved_by_author IS TRUE;
  solved boolean := NEW.accepted_post_id IS NOT NULL OR NEW.resolved_by_author IS TRUE;
BEGIN
  IF was = solved THEN
    RETURN NULL;
  END IF;
  UPDATE obligation_day_stats s SET resolved = s.resolved + d.n
  FROM (
    SELECT z.time_zone, (o.opened_at AT TIME ZONE z.time_zone)::date AS day, o.category_id,
      coalesce(o.responder_id, 0) AS responder_id, coalesce(o.responder_team_id, 0) AS responder_team_id,
      count(*)::integer * CASE WHEN solved THEN 1 ELSE -1 END AS n
    FROM obligations o CROSS JOIN obligation_stats_zones z
    WHERE o.thread_id = NEW.id AND o.status NOT IN ('cancelled', 'no_response_needed')
    GROUP BY 1, 2, 3, 4, 5
  ) d
  WHERE s.time_zone = d.time_zone AND s.day = d.day AND s.category_id = d.category_id
    AND s.responder_id = d.responder_id AND s.responder_team_id = d.responder_team_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER threads_day_stats AFTER UPDATE OF accepted_post_id, resolved_by_author ON threads FOR EACH ROW EXECUTE FUNCTION threads_day_stats();
