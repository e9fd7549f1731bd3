CREATE TABLE "digest_emails" (
	"digest_date" date NOT NULL,
	"user_id" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "digest_emails_digest_date_user_id_pk" PRIMARY KEY("digest_date","user_id")
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"date" date PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"mail_requested_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "digest_emails" ADD CONSTRAINT "digest_emails_digest_date_digests_date_fk" FOREIGN KEY ("digest_date") REFERENCES "public"."digests"("date") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_emails" ADD CONSTRAINT "digest_emails_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_unmailed_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."emailed_at" is null;