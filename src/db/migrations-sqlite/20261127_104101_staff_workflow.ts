import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`redirects\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`from_slug\` text NOT NULL,
  	\`article_id\` integer NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`redirects_from_slug_idx\` ON \`redirects\` (\`from_slug\`);`)
  await db.run(sql`CREATE INDEX \`redirects_article_idx\` ON \`redirects\` (\`article_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_updated_at_idx\` ON \`redirects\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`redirects_created_at_idx\` ON \`redirects\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`review_digests\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`day\` text NOT NULL,
  	\`articles\` numeric,
  	\`recipients\` numeric,
  	\`sent_at\` text,
  	\`error\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`review_digests_day_idx\` ON \`review_digests\` (\`day\`);`)
  await db.run(sql`CREATE INDEX \`review_digests_updated_at_idx\` ON \`review_digests\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`review_digests_created_at_idx\` ON \`review_digests\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`media_last_modified_by_idx\` ON \`media\` (\`last_modified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`benefit_lists\` ADD \`last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`benefit_lists_last_modified_by_idx\` ON \`benefit_lists\` (\`last_modified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_benefit_lists_v\` ADD \`version_last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_version_version_last_modified_by_idx\` ON \`_benefit_lists_v\` (\`version_last_modified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`faqs\` ADD \`last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`faqs_last_modified_by_idx\` ON \`faqs\` (\`last_modified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_faqs_v\` ADD \`version_last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_version_version_last_modified_by_idx\` ON \`_faqs_v\` (\`version_last_modified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`calls_to_action\` ADD \`last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`calls_to_action_last_modified_by_idx\` ON \`calls_to_action\` (\`last_modified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_calls_to_action_v\` ADD \`version_last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_version_version_last_modified_by_idx\` ON \`_calls_to_action_v\` (\`version_last_modified_by_id\`);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`approval_state\` text DEFAULT 'writing';`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`approval_comment\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`approval_submitted_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`approval_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`approval_decided_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`approval_decided_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`clinical_review_signed_off_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`clinical_review_signed_off_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`clinical_review_signed_off_as\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`clinical_review_reviewed_fingerprint\` text;`)
  await db.run(sql`CREATE INDEX \`articles_last_modified_by_idx\` ON \`articles\` (\`last_modified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_approval_approval_state_idx\` ON \`articles\` (\`approval_state\`);`)
  await db.run(sql`CREATE INDEX \`articles_approval_approval_submitted_by_idx\` ON \`articles\` (\`approval_submitted_by_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_approval_approval_decided_by_idx\` ON \`articles\` (\`approval_decided_by_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_clinical_review_clinical_review_signed_off_by_idx\` ON \`articles\` (\`clinical_review_signed_off_by_id\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_last_modified_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_approval_state\` text DEFAULT 'writing';`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_approval_comment\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_approval_submitted_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_approval_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_approval_decided_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_approval_decided_at\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_clinical_review_signed_off_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_clinical_review_signed_off_at\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_clinical_review_signed_off_as\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_clinical_review_reviewed_fingerprint\` text;`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_last_modified_by_idx\` ON \`_articles_v\` (\`version_last_modified_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_approval_version_approval_state_idx\` ON \`_articles_v\` (\`version_approval_state\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_approval_version_approval_submitted__idx\` ON \`_articles_v\` (\`version_approval_submitted_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_approval_version_approval_decided_by_idx\` ON \`_articles_v\` (\`version_approval_decided_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_clinical_review_version_clinical_rev_idx\` ON \`_articles_v\` (\`version_clinical_review_signed_off_by_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`redirects_id\` integer REFERENCES redirects(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`review_digests_id\` integer REFERENCES review_digests(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_redirects_id_idx\` ON \`payload_locked_documents_rels\` (\`redirects_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_review_digests_id_idx\` ON \`payload_locked_documents_rels\` (\`review_digests_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`redirects\`;`)
  await db.run(sql`DROP TABLE \`review_digests\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_articles\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`excerpt\` text,
  	\`hero_image_id\` integer,
  	\`body\` text,
  	\`clinical_review_reviewer_name\` text,
  	\`clinical_review_reviewer_credentials\` text,
  	\`clinical_review_reviewed_at\` text,
  	\`clinical_review_next_review_due\` text,
  	\`clinical_review_show_disclaimer\` integer DEFAULT true,
  	\`previous_article_id\` integer,
  	\`next_article_id\` integer,
  	\`seo_title\` text,
  	\`seo_description\` text,
  	\`seo_image_id\` integer,
  	\`slug\` text,
  	\`published_date\` text,
  	\`author_name\` text,
  	\`author_credentials\` text,
  	\`import_key\` text,
  	\`import_checksum\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`previous_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`next_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`seo_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_articles\`("id", "title", "excerpt", "hero_image_id", "body", "clinical_review_reviewer_name", "clinical_review_reviewer_credentials", "clinical_review_reviewed_at", "clinical_review_next_review_due", "clinical_review_show_disclaimer", "previous_article_id", "next_article_id", "seo_title", "seo_description", "seo_image_id", "slug", "published_date", "author_name", "author_credentials", "import_key", "import_checksum", "updated_at", "created_at", "_status") SELECT "id", "title", "excerpt", "hero_image_id", "body", "clinical_review_reviewer_name", "clinical_review_reviewer_credentials", "clinical_review_reviewed_at", "clinical_review_next_review_due", "clinical_review_show_disclaimer", "previous_article_id", "next_article_id", "seo_title", "seo_description", "seo_image_id", "slug", "published_date", "author_name", "author_credentials", "import_key", "import_checksum", "updated_at", "created_at", "_status" FROM \`articles\`;`)
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_articles\` RENAME TO \`articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`articles_hero_image_idx\` ON \`articles\` (\`hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_previous_article_idx\` ON \`articles\` (\`previous_article_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_next_article_idx\` ON \`articles\` (\`next_article_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_seo_seo_image_idx\` ON \`articles\` (\`seo_image_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_date_idx\` ON \`articles\` (\`published_date\`);`)
  await db.run(sql`CREATE INDEX \`articles_import_key_idx\` ON \`articles\` (\`import_key\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(sql`CREATE INDEX \`_status_publishedDate_idx\` ON \`articles\` (\`_status\`,\`published_date\`);`)
  await db.run(sql`CREATE TABLE \`__new__articles_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_excerpt\` text,
  	\`version_hero_image_id\` integer,
  	\`version_body\` text,
  	\`version_clinical_review_reviewer_name\` text,
  	\`version_clinical_review_reviewer_credentials\` text,
  	\`version_clinical_review_reviewed_at\` text,
  	\`version_clinical_review_next_review_due\` text,
  	\`version_clinical_review_show_disclaimer\` integer DEFAULT true,
  	\`version_previous_article_id\` integer,
  	\`version_next_article_id\` integer,
  	\`version_seo_title\` text,
  	\`version_seo_description\` text,
  	\`version_seo_image_id\` integer,
  	\`version_slug\` text,
  	\`version_published_date\` text,
  	\`version_author_name\` text,
  	\`version_author_credentials\` text,
  	\`version_import_key\` text,
  	\`version_import_checksum\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_previous_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_next_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_seo_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__articles_v\`("id", "parent_id", "version_title", "version_excerpt", "version_hero_image_id", "version_body", "version_clinical_review_reviewer_name", "version_clinical_review_reviewer_credentials", "version_clinical_review_reviewed_at", "version_clinical_review_next_review_due", "version_clinical_review_show_disclaimer", "version_previous_article_id", "version_next_article_id", "version_seo_title", "version_seo_description", "version_seo_image_id", "version_slug", "version_published_date", "version_author_name", "version_author_credentials", "version_import_key", "version_import_checksum", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave") SELECT "id", "parent_id", "version_title", "version_excerpt", "version_hero_image_id", "version_body", "version_clinical_review_reviewer_name", "version_clinical_review_reviewer_credentials", "version_clinical_review_reviewed_at", "version_clinical_review_next_review_due", "version_clinical_review_show_disclaimer", "version_previous_article_id", "version_next_article_id", "version_seo_title", "version_seo_description", "version_seo_image_id", "version_slug", "version_published_date", "version_author_name", "version_author_credentials", "version_import_key", "version_import_checksum", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave" FROM \`_articles_v\`;`)
  await db.run(sql`DROP TABLE \`_articles_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__articles_v\` RENAME TO \`_articles_v\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_parent_idx\` ON \`_articles_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_hero_image_idx\` ON \`_articles_v\` (\`version_hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_previous_article_idx\` ON \`_articles_v\` (\`version_previous_article_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_next_article_idx\` ON \`_articles_v\` (\`version_next_article_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_seo_version_seo_image_idx\` ON \`_articles_v\` (\`version_seo_image_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_published_date_idx\` ON \`_articles_v\` (\`version_published_date\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_import_key_idx\` ON \`_articles_v\` (\`version_import_key\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_updated_at_idx\` ON \`_articles_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_created_at_idx\` ON \`_articles_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_created_at_idx\` ON \`_articles_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_updated_at_idx\` ON \`_articles_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_idx\` ON \`_articles_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_autosave_idx\` ON \`_articles_v\` (\`autosave\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_publishedDate_idx\` ON \`_articles_v\` (\`version__status\`,\`version_published_date\`);`)
  await db.run(sql`CREATE TABLE \`__new_benefit_lists\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`lead_in\` text,
  	\`display_style\` text DEFAULT 'labelAndDescription',
  	\`import_key\` text,
  	\`import_checksum\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_benefit_lists\`("id", "title", "lead_in", "display_style", "import_key", "import_checksum", "updated_at", "created_at", "_status") SELECT "id", "title", "lead_in", "display_style", "import_key", "import_checksum", "updated_at", "created_at", "_status" FROM \`benefit_lists\`;`)
  await db.run(sql`DROP TABLE \`benefit_lists\`;`)
  await db.run(sql`ALTER TABLE \`__new_benefit_lists\` RENAME TO \`benefit_lists\`;`)
  await db.run(sql`CREATE INDEX \`benefit_lists_import_key_idx\` ON \`benefit_lists\` (\`import_key\`);`)
  await db.run(sql`CREATE INDEX \`benefit_lists_updated_at_idx\` ON \`benefit_lists\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`benefit_lists_created_at_idx\` ON \`benefit_lists\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`benefit_lists__status_idx\` ON \`benefit_lists\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__benefit_lists_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_lead_in\` text,
  	\`version_display_style\` text DEFAULT 'labelAndDescription',
  	\`version_import_key\` text,
  	\`version_import_checksum\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`benefit_lists\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__benefit_lists_v\`("id", "parent_id", "version_title", "version_lead_in", "version_display_style", "version_import_key", "version_import_checksum", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave") SELECT "id", "parent_id", "version_title", "version_lead_in", "version_display_style", "version_import_key", "version_import_checksum", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave" FROM \`_benefit_lists_v\`;`)
  await db.run(sql`DROP TABLE \`_benefit_lists_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__benefit_lists_v\` RENAME TO \`_benefit_lists_v\`;`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_parent_idx\` ON \`_benefit_lists_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_version_version_import_key_idx\` ON \`_benefit_lists_v\` (\`version_import_key\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_version_version_updated_at_idx\` ON \`_benefit_lists_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_version_version_created_at_idx\` ON \`_benefit_lists_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_version_version__status_idx\` ON \`_benefit_lists_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_created_at_idx\` ON \`_benefit_lists_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_updated_at_idx\` ON \`_benefit_lists_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_latest_idx\` ON \`_benefit_lists_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_benefit_lists_v_autosave_idx\` ON \`_benefit_lists_v\` (\`autosave\`);`)
  await db.run(sql`CREATE TABLE \`__new_faqs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`question\` text,
  	\`answer\` text,
  	\`topic\` text,
  	\`order\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_faqs\`("id", "question", "answer", "topic", "order", "updated_at", "created_at", "_status") SELECT "id", "question", "answer", "topic", "order", "updated_at", "created_at", "_status" FROM \`faqs\`;`)
  await db.run(sql`DROP TABLE \`faqs\`;`)
  await db.run(sql`ALTER TABLE \`__new_faqs\` RENAME TO \`faqs\`;`)
  await db.run(sql`CREATE INDEX \`faqs_topic_idx\` ON \`faqs\` (\`topic\`);`)
  await db.run(sql`CREATE INDEX \`faqs_updated_at_idx\` ON \`faqs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`faqs_created_at_idx\` ON \`faqs\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`faqs__status_idx\` ON \`faqs\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__faqs_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_question\` text,
  	\`version_answer\` text,
  	\`version_topic\` text,
  	\`version_order\` numeric DEFAULT 0,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`faqs\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__faqs_v\`("id", "parent_id", "version_question", "version_answer", "version_topic", "version_order", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave") SELECT "id", "parent_id", "version_question", "version_answer", "version_topic", "version_order", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave" FROM \`_faqs_v\`;`)
  await db.run(sql`DROP TABLE \`_faqs_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__faqs_v\` RENAME TO \`_faqs_v\`;`)
  await db.run(sql`CREATE INDEX \`_faqs_v_parent_idx\` ON \`_faqs_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_version_version_topic_idx\` ON \`_faqs_v\` (\`version_topic\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_version_version_updated_at_idx\` ON \`_faqs_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_version_version_created_at_idx\` ON \`_faqs_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_version_version__status_idx\` ON \`_faqs_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_created_at_idx\` ON \`_faqs_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_updated_at_idx\` ON \`_faqs_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_latest_idx\` ON \`_faqs_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_faqs_v_autosave_idx\` ON \`_faqs_v\` (\`autosave\`);`)
  await db.run(sql`CREATE TABLE \`__new_calls_to_action\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`heading\` text,
  	\`body\` text,
  	\`button_label\` text,
  	\`link_type\` text DEFAULT 'external',
  	\`link_article_id\` integer,
  	\`link_url\` text,
  	\`style\` text DEFAULT 'primary',
  	\`import_key\` text,
  	\`import_checksum\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`link_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_calls_to_action\`("id", "heading", "body", "button_label", "link_type", "link_article_id", "link_url", "style", "import_key", "import_checksum", "updated_at", "created_at", "_status") SELECT "id", "heading", "body", "button_label", "link_type", "link_article_id", "link_url", "style", "import_key", "import_checksum", "updated_at", "created_at", "_status" FROM \`calls_to_action\`;`)
  await db.run(sql`DROP TABLE \`calls_to_action\`;`)
  await db.run(sql`ALTER TABLE \`__new_calls_to_action\` RENAME TO \`calls_to_action\`;`)
  await db.run(sql`CREATE INDEX \`calls_to_action_link_link_article_idx\` ON \`calls_to_action\` (\`link_article_id\`);`)
  await db.run(sql`CREATE INDEX \`calls_to_action_import_key_idx\` ON \`calls_to_action\` (\`import_key\`);`)
  await db.run(sql`CREATE INDEX \`calls_to_action_updated_at_idx\` ON \`calls_to_action\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`calls_to_action_created_at_idx\` ON \`calls_to_action\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`calls_to_action__status_idx\` ON \`calls_to_action\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__calls_to_action_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_heading\` text,
  	\`version_body\` text,
  	\`version_button_label\` text,
  	\`version_link_type\` text DEFAULT 'external',
  	\`version_link_article_id\` integer,
  	\`version_link_url\` text,
  	\`version_style\` text DEFAULT 'primary',
  	\`version_import_key\` text,
  	\`version_import_checksum\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	\`autosave\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`calls_to_action\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_link_article_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__calls_to_action_v\`("id", "parent_id", "version_heading", "version_body", "version_button_label", "version_link_type", "version_link_article_id", "version_link_url", "version_style", "version_import_key", "version_import_checksum", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave") SELECT "id", "parent_id", "version_heading", "version_body", "version_button_label", "version_link_type", "version_link_article_id", "version_link_url", "version_style", "version_import_key", "version_import_checksum", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest", "autosave" FROM \`_calls_to_action_v\`;`)
  await db.run(sql`DROP TABLE \`_calls_to_action_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__calls_to_action_v\` RENAME TO \`_calls_to_action_v\`;`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_parent_idx\` ON \`_calls_to_action_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_version_link_version_link_article_idx\` ON \`_calls_to_action_v\` (\`version_link_article_id\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_version_version_import_key_idx\` ON \`_calls_to_action_v\` (\`version_import_key\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_version_version_updated_at_idx\` ON \`_calls_to_action_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_version_version_created_at_idx\` ON \`_calls_to_action_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_version_version__status_idx\` ON \`_calls_to_action_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_created_at_idx\` ON \`_calls_to_action_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_updated_at_idx\` ON \`_calls_to_action_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_latest_idx\` ON \`_calls_to_action_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`_calls_to_action_v_autosave_idx\` ON \`_calls_to_action_v\` (\`autosave\`);`)
  await db.run(sql`CREATE TABLE \`__new_media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`alt\` text NOT NULL,
  	\`caption\` text,
  	\`used_by_published_content\` integer DEFAULT false,
  	\`import_key\` text,
  	\`import_checksum\` text,
  	\`prefix\` text DEFAULT '',
  	\`_objectkey\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_hero_url\` text,
  	\`sizes_hero_width\` numeric,
  	\`sizes_hero_height\` numeric,
  	\`sizes_hero_mime_type\` text,
  	\`sizes_hero_filesize\` numeric,
  	\`sizes_hero_filename\` text,
  	\`sizes_card_url\` text,
  	\`sizes_card_width\` numeric,
  	\`sizes_card_height\` numeric,
  	\`sizes_card_mime_type\` text,
  	\`sizes_card_filesize\` numeric,
  	\`sizes_card_filename\` text,
  	\`sizes_social_url\` text,
  	\`sizes_social_width\` numeric,
  	\`sizes_social_height\` numeric,
  	\`sizes_social_mime_type\` text,
  	\`sizes_social_filesize\` numeric,
  	\`sizes_social_filename\` text
  );
  `)
  await db.run(sql`INSERT INTO \`__new_media\`("id", "alt", "caption", "used_by_published_content", "import_key", "import_checksum", "prefix", "_objectkey", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_hero_url", "sizes_hero_width", "sizes_hero_height", "sizes_hero_mime_type", "sizes_hero_filesize", "sizes_hero_filename", "sizes_card_url", "sizes_card_width", "sizes_card_height", "sizes_card_mime_type", "sizes_card_filesize", "sizes_card_filename", "sizes_social_url", "sizes_social_width", "sizes_social_height", "sizes_social_mime_type", "sizes_social_filesize", "sizes_social_filename") SELECT "id", "alt", "caption", "used_by_published_content", "import_key", "import_checksum", "prefix", "_objectkey", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_hero_url", "sizes_hero_width", "sizes_hero_height", "sizes_hero_mime_type", "sizes_hero_filesize", "sizes_hero_filename", "sizes_card_url", "sizes_card_width", "sizes_card_height", "sizes_card_mime_type", "sizes_card_filesize", "sizes_card_filename", "sizes_social_url", "sizes_social_width", "sizes_social_height", "sizes_social_mime_type", "sizes_social_filesize", "sizes_social_filename" FROM \`media\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`ALTER TABLE \`__new_media\` RENAME TO \`media\`;`)
  await db.run(sql`CREATE INDEX \`media_used_by_published_content_idx\` ON \`media\` (\`used_by_published_content\`);`)
  await db.run(sql`CREATE INDEX \`media_import_key_idx\` ON \`media\` (\`import_key\`);`)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_hero_sizes_hero_filename_idx\` ON \`media\` (\`sizes_hero_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_card_sizes_card_filename_idx\` ON \`media\` (\`sizes_card_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_social_sizes_social_filename_idx\` ON \`media\` (\`sizes_social_filename\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	\`media_id\` integer,
  	\`benefit_lists_id\` integer,
  	\`faqs_id\` integer,
  	\`calls_to_action_id\` integer,
  	\`articles_id\` integer,
  	\`webhooks_id\` integer,
  	\`webhook_deliveries_id\` integer,
  	\`audit_log_id\` integer,
  	\`sites_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`benefit_lists_id\`) REFERENCES \`benefit_lists\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`faqs_id\`) REFERENCES \`faqs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`calls_to_action_id\`) REFERENCES \`calls_to_action\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`webhooks_id\`) REFERENCES \`webhooks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`webhook_deliveries_id\`) REFERENCES \`webhook_deliveries\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`audit_log_id\`) REFERENCES \`audit_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`sites_id\`) REFERENCES \`sites\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "users_id", "media_id", "benefit_lists_id", "faqs_id", "calls_to_action_id", "articles_id", "webhooks_id", "webhook_deliveries_id", "audit_log_id", "sites_id") SELECT "id", "order", "parent_id", "path", "users_id", "media_id", "benefit_lists_id", "faqs_id", "calls_to_action_id", "articles_id", "webhooks_id", "webhook_deliveries_id", "audit_log_id", "sites_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_benefit_lists_id_idx\` ON \`payload_locked_documents_rels\` (\`benefit_lists_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_faqs_id_idx\` ON \`payload_locked_documents_rels\` (\`faqs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_calls_to_action_id_idx\` ON \`payload_locked_documents_rels\` (\`calls_to_action_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhooks_id_idx\` ON \`payload_locked_documents_rels\` (\`webhooks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhook_deliveries_id_idx\` ON \`payload_locked_documents_rels\` (\`webhook_deliveries_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_audit_log_id_idx\` ON \`payload_locked_documents_rels\` (\`audit_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_sites_id_idx\` ON \`payload_locked_documents_rels\` (\`sites_id\`);`)
}
