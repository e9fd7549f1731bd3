CREATE TABLE "search_documents" (
	"post_id" integer PRIMARY KEY NOT NULL,
	"thread_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"thread_kind" "thread_kind" NOT NULL,
	"author_id" integer NOT NULL,
	"opening" boolean NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"thread_hidden" boolean NOT NULL,
	"post_hidden" boolean NOT NULL,
	"body" text NOT NULL,
	"terms" "tsvector" NOT NULL,
	"title_terms" "tsvector"
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_documents_terms_idx" ON "search_documents" USING gin ("terms");--> statement-breakpoint
CREATE INDEX "search_documents_title_terms_idx" ON "search_documents" USING gin ("title_terms") WHERE "search_documents"."title_terms" is not null;--> statement-breakpoint
CREATE INDEX "search_documents_thread_idx" ON "search_documents" USING btree ("thread_id");