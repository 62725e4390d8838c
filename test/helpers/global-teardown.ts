import { MONGODB_SKIP_NOTICE } from './global-setup'

export default async function globalTeardown(): Promise<void> {
  await globalThis.__KAP_MONGO__?.stop()
  if (process.env.KAP_TEST_DATABASE === 'sqlite') console.log(`\n${MONGODB_SKIP_NOTICE}\n`)
}
