/**
 * Lets the event loop turn once. libsql (the SQLite driver) frees a finished statement's native
 * memory only when the loop gets a turn (tursodatabase/libsql-js#153), so a long loop of database
 * calls that only ever awaits grew by about 8 KB a statement: seeding 50,000 articles reached 23 GB.
 * Export, restore and bulk writes call this between pages.
 */
export function nextEventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
