import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "_status_publishedDate_idx" ON "articles" USING btree ("_status","published_date");
  CREATE INDEX "version__status_version_publishedDate_idx" ON "_articles_v" USING btree ("version__status","version_published_date");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "_status_publishedDate_idx";
  DROP INDEX "version__status_version_publishedDate_idx";`)
}
