import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_articles_approval_state" AS ENUM('writing', 'submitted', 'changesRequested');
  CREATE TYPE "public"."enum_articles_clinical_review_signed_off_as" AS ENUM('reviewer', 'outside', 'server');
  CREATE TYPE "public"."enum__articles_v_version_approval_state" AS ENUM('writing', 'submitted', 'changesRequested');
  CREATE TYPE "public"."enum__articles_v_version_clinical_review_signed_off_as" AS ENUM('reviewer', 'outside', 'server');
  ALTER TYPE "public"."enum_users_roles" ADD VALUE 'reviewer';
  CREATE TABLE "redirects" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"from_slug" varchar NOT NULL,
  	"article_id" integer NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "review_digests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"day" varchar NOT NULL,
  	"articles" numeric,
  	"recipients" numeric,
  	"sent_at" timestamp(3) with time zone,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "media" ADD COLUMN "last_modified_by_id" integer;
  ALTER TABLE "benefit_lists" ADD COLUMN "last_modified_by_id" integer;
  ALTER TABLE "_benefit_lists_v" ADD COLUMN "version_last_modified_by_id" integer;
  ALTER TABLE "faqs" ADD COLUMN "last_modified_by_id" integer;
  ALTER TABLE "_faqs_v" ADD COLUMN "version_last_modified_by_id" integer;
  ALTER TABLE "calls_to_action" ADD COLUMN "last_modified_by_id" integer;
  ALTER TABLE "_calls_to_action_v" ADD COLUMN "version_last_modified_by_id" integer;
  ALTER TABLE "articles" ADD COLUMN "last_modified_by_id" integer;
  ALTER TABLE "articles" ADD COLUMN "approval_state" "enum_articles_approval_state" DEFAULT 'writing';
  ALTER TABLE "articles" ADD COLUMN "approval_comment" varchar;
  ALTER TABLE "articles" ADD COLUMN "approval_submitted_by_id" integer;
  ALTER TABLE "articles" ADD COLUMN "approval_submitted_at" timestamp(3) with time zone;
  ALTER TABLE "articles" ADD COLUMN "approval_decided_by_id" integer;
  ALTER TABLE "articles" ADD COLUMN "approval_decided_at" timestamp(3) with time zone;
  ALTER TABLE "articles" ADD COLUMN "clinical_review_signed_off_by_id" integer;
  ALTER TABLE "articles" ADD COLUMN "clinical_review_signed_off_at" timestamp(3) with time zone;
  ALTER TABLE "articles" ADD COLUMN "clinical_review_signed_off_as" "enum_articles_clinical_review_signed_off_as";
  ALTER TABLE "articles" ADD COLUMN "clinical_review_reviewed_fingerprint" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_last_modified_by_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_approval_state" "enum__articles_v_version_approval_state" DEFAULT 'writing';
  ALTER TABLE "_articles_v" ADD COLUMN "version_approval_comment" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_approval_submitted_by_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_approval_submitted_at" timestamp(3) with time zone;
  ALTER TABLE "_articles_v" ADD COLUMN "version_approval_decided_by_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_approval_decided_at" timestamp(3) with time zone;
  ALTER TABLE "_articles_v" ADD COLUMN "version_clinical_review_signed_off_by_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_clinical_review_signed_off_at" timestamp(3) with time zone;
  ALTER TABLE "_articles_v" ADD COLUMN "version_clinical_review_signed_off_as" "enum__articles_v_version_clinical_review_signed_off_as";
  ALTER TABLE "_articles_v" ADD COLUMN "version_clinical_review_reviewed_fingerprint" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "redirects_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "review_digests_id" integer;
  ALTER TABLE "redirects" ADD CONSTRAINT "redirects_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "redirects_from_slug_idx" ON "redirects" USING btree ("from_slug");
  CREATE INDEX "redirects_article_idx" ON "redirects" USING btree ("article_id");
  CREATE INDEX "redirects_updated_at_idx" ON "redirects" USING btree ("updated_at");
  CREATE INDEX "redirects_created_at_idx" ON "redirects" USING btree ("created_at");
  CREATE UNIQUE INDEX "review_digests_day_idx" ON "review_digests" USING btree ("day");
  CREATE INDEX "review_digests_updated_at_idx" ON "review_digests" USING btree ("updated_at");
  CREATE INDEX "review_digests_created_at_idx" ON "review_digests" USING btree ("created_at");
  ALTER TABLE "media" ADD CONSTRAINT "media_last_modified_by_id_users_id_fk" FOREIGN KEY ("last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "benefit_lists" ADD CONSTRAINT "benefit_lists_last_modified_by_id_users_id_fk" FOREIGN KEY ("last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_benefit_lists_v" ADD CONSTRAINT "_benefit_lists_v_version_last_modified_by_id_users_id_fk" FOREIGN KEY ("version_last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "faqs" ADD CONSTRAINT "faqs_last_modified_by_id_users_id_fk" FOREIGN KEY ("last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_faqs_v" ADD CONSTRAINT "_faqs_v_version_last_modified_by_id_users_id_fk" FOREIGN KEY ("version_last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "calls_to_action" ADD CONSTRAINT "calls_to_action_last_modified_by_id_users_id_fk" FOREIGN KEY ("last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_calls_to_action_v" ADD CONSTRAINT "_calls_to_action_v_version_last_modified_by_id_users_id_fk" FOREIGN KEY ("version_last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles" ADD CONSTRAINT "articles_last_modified_by_id_users_id_fk" FOREIGN KEY ("last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles" ADD CONSTRAINT "articles_approval_submitted_by_id_users_id_fk" FOREIGN KEY ("approval_submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles" ADD CONSTRAINT "articles_approval_decided_by_id_users_id_fk" FOREIGN KEY ("approval_decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles" ADD CONSTRAINT "articles_clinical_review_signed_off_by_id_users_id_fk" FOREIGN KEY ("clinical_review_signed_off_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_last_modified_by_id_users_id_fk" FOREIGN KEY ("version_last_modified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_approval_submitted_by_id_users_id_fk" FOREIGN KEY ("version_approval_submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_approval_decided_by_id_users_id_fk" FOREIGN KEY ("version_approval_decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_clinical_review_signed_off_by_id_users_id_fk" FOREIGN KEY ("version_clinical_review_signed_off_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_redirects_fk" FOREIGN KEY ("redirects_id") REFERENCES "public"."redirects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_review_digests_fk" FOREIGN KEY ("review_digests_id") REFERENCES "public"."review_digests"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "media_last_modified_by_idx" ON "media" USING btree ("last_modified_by_id");
  CREATE INDEX "benefit_lists_last_modified_by_idx" ON "benefit_lists" USING btree ("last_modified_by_id");
  CREATE INDEX "_benefit_lists_v_version_version_last_modified_by_idx" ON "_benefit_lists_v" USING btree ("version_last_modified_by_id");
  CREATE INDEX "faqs_last_modified_by_idx" ON "faqs" USING btree ("last_modified_by_id");
  CREATE INDEX "_faqs_v_version_version_last_modified_by_idx" ON "_faqs_v" USING btree ("version_last_modified_by_id");
  CREATE INDEX "calls_to_action_last_modified_by_idx" ON "calls_to_action" USING btree ("last_modified_by_id");
  CREATE INDEX "_calls_to_action_v_version_version_last_modified_by_idx" ON "_calls_to_action_v" USING btree ("version_last_modified_by_id");
  CREATE INDEX "articles_last_modified_by_idx" ON "articles" USING btree ("last_modified_by_id");
  CREATE INDEX "articles_approval_approval_state_idx" ON "articles" USING btree ("approval_state");
  CREATE INDEX "articles_approval_approval_submitted_by_idx" ON "articles" USING btree ("approval_submitted_by_id");
  CREATE INDEX "articles_approval_approval_decided_by_idx" ON "articles" USING btree ("approval_decided_by_id");
  CREATE INDEX "articles_clinical_review_clinical_review_signed_off_by_idx" ON "articles" USING btree ("clinical_review_signed_off_by_id");
  CREATE INDEX "_articles_v_version_version_last_modified_by_idx" ON "_articles_v" USING btree ("version_last_modified_by_id");
  CREATE INDEX "_articles_v_version_approval_version_approval_state_idx" ON "_articles_v" USING btree ("version_approval_state");
  CREATE INDEX "_articles_v_version_approval_version_approval_submitted__idx" ON "_articles_v" USING btree ("version_approval_submitted_by_id");
  CREATE INDEX "_articles_v_version_approval_version_approval_decided_by_idx" ON "_articles_v" USING btree ("version_approval_decided_by_id");
  CREATE INDEX "_articles_v_version_clinical_review_version_clinical_rev_idx" ON "_articles_v" USING btree ("version_clinical_review_signed_off_by_id");
  CREATE INDEX "payload_locked_documents_rels_redirects_id_idx" ON "payload_locked_documents_rels" USING btree ("redirects_id");
  CREATE INDEX "payload_locked_documents_rels_review_digests_id_idx" ON "payload_locked_documents_rels" USING btree ("review_digests_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "redirects" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "review_digests" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "redirects" CASCADE;
  DROP TABLE "review_digests" CASCADE;
  ALTER TABLE "articles" DROP CONSTRAINT "articles_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "articles" DROP CONSTRAINT "articles_approval_submitted_by_id_users_id_fk";
  
  ALTER TABLE "articles" DROP CONSTRAINT "articles_approval_decided_by_id_users_id_fk";
  
  ALTER TABLE "articles" DROP CONSTRAINT "articles_clinical_review_signed_off_by_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_approval_submitted_by_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_approval_decided_by_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_clinical_review_signed_off_by_id_users_id_fk";
  
  ALTER TABLE "benefit_lists" DROP CONSTRAINT "benefit_lists_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "_benefit_lists_v" DROP CONSTRAINT "_benefit_lists_v_version_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "faqs" DROP CONSTRAINT "faqs_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "_faqs_v" DROP CONSTRAINT "_faqs_v_version_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "calls_to_action" DROP CONSTRAINT "calls_to_action_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "_calls_to_action_v" DROP CONSTRAINT "_calls_to_action_v_version_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "media" DROP CONSTRAINT "media_last_modified_by_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_redirects_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_review_digests_fk";
  
  ALTER TABLE "users_roles" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_users_roles";
  CREATE TYPE "public"."enum_users_roles" AS ENUM('admin', 'editor', 'contributor');
  ALTER TABLE "users_roles" ALTER COLUMN "value" SET DATA TYPE "public"."enum_users_roles" USING "value"::"public"."enum_users_roles";
  DROP INDEX "articles_last_modified_by_idx";
  DROP INDEX "articles_approval_approval_state_idx";
  DROP INDEX "articles_approval_approval_submitted_by_idx";
  DROP INDEX "articles_approval_approval_decided_by_idx";
  DROP INDEX "articles_clinical_review_clinical_review_signed_off_by_idx";
  DROP INDEX "_articles_v_version_version_last_modified_by_idx";
  DROP INDEX "_articles_v_version_approval_version_approval_state_idx";
  DROP INDEX "_articles_v_version_approval_version_approval_submitted__idx";
  DROP INDEX "_articles_v_version_approval_version_approval_decided_by_idx";
  DROP INDEX "_articles_v_version_clinical_review_version_clinical_rev_idx";
  DROP INDEX "benefit_lists_last_modified_by_idx";
  DROP INDEX "_benefit_lists_v_version_version_last_modified_by_idx";
  DROP INDEX "faqs_last_modified_by_idx";
  DROP INDEX "_faqs_v_version_version_last_modified_by_idx";
  DROP INDEX "calls_to_action_last_modified_by_idx";
  DROP INDEX "_calls_to_action_v_version_version_last_modified_by_idx";
  DROP INDEX "media_last_modified_by_idx";
  DROP INDEX "payload_locked_documents_rels_redirects_id_idx";
  DROP INDEX "payload_locked_documents_rels_review_digests_id_idx";
  ALTER TABLE "articles" DROP COLUMN "last_modified_by_id";
  ALTER TABLE "articles" DROP COLUMN "approval_state";
  ALTER TABLE "articles" DROP COLUMN "approval_comment";
  ALTER TABLE "articles" DROP COLUMN "approval_submitted_by_id";
  ALTER TABLE "articles" DROP COLUMN "approval_submitted_at";
  ALTER TABLE "articles" DROP COLUMN "approval_decided_by_id";
  ALTER TABLE "articles" DROP COLUMN "approval_decided_at";
  ALTER TABLE "articles" DROP COLUMN "clinical_review_signed_off_by_id";
  ALTER TABLE "articles" DROP COLUMN "clinical_review_signed_off_at";
  ALTER TABLE "articles" DROP COLUMN "clinical_review_signed_off_as";
  ALTER TABLE "articles" DROP COLUMN "clinical_review_reviewed_fingerprint";
  ALTER TABLE "_articles_v" DROP COLUMN "version_last_modified_by_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_approval_state";
  ALTER TABLE "_articles_v" DROP COLUMN "version_approval_comment";
  ALTER TABLE "_articles_v" DROP COLUMN "version_approval_submitted_by_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_approval_submitted_at";
  ALTER TABLE "_articles_v" DROP COLUMN "version_approval_decided_by_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_approval_decided_at";
  ALTER TABLE "_articles_v" DROP COLUMN "version_clinical_review_signed_off_by_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_clinical_review_signed_off_at";
  ALTER TABLE "_articles_v" DROP COLUMN "version_clinical_review_signed_off_as";
  ALTER TABLE "_articles_v" DROP COLUMN "version_clinical_review_reviewed_fingerprint";
  ALTER TABLE "benefit_lists" DROP COLUMN "last_modified_by_id";
  ALTER TABLE "_benefit_lists_v" DROP COLUMN "version_last_modified_by_id";
  ALTER TABLE "faqs" DROP COLUMN "last_modified_by_id";
  ALTER TABLE "_faqs_v" DROP COLUMN "version_last_modified_by_id";
  ALTER TABLE "calls_to_action" DROP COLUMN "last_modified_by_id";
  ALTER TABLE "_calls_to_action_v" DROP COLUMN "version_last_modified_by_id";
  ALTER TABLE "media" DROP COLUMN "last_modified_by_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "redirects_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "review_digests_id";
  DROP TYPE "public"."enum_articles_approval_state";
  DROP TYPE "public"."enum_articles_clinical_review_signed_off_as";
  DROP TYPE "public"."enum__articles_v_version_approval_state";
  DROP TYPE "public"."enum__articles_v_version_clinical_review_signed_off_as";`)
}
