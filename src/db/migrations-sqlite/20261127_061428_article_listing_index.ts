import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`_status_publishedDate_idx\` ON \`articles\` (\`_status\`,\`published_date\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_publishedDate_idx\` ON \`_articles_v\` (\`version__status\`,\`version_published_date\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_publishedDate_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_publishedDate_idx\`;`)
}
