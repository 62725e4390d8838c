import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`media\` ADD \`used_by_published_content\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`media_used_by_published_content_idx\` ON \`media\` (\`used_by_published_content\`);`)
  // Every image stored before this migration was public; it stays so (new uploads start private).
  await db.run(sql`UPDATE \`media\` SET \`used_by_published_content\` = 1;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`media_used_by_published_content_idx\`;`)
  await db.run(sql`ALTER TABLE \`media\` DROP COLUMN \`used_by_published_content\`;`)
}
