import { missingServicesNotice, MONGODB_SKIP_NOTICE } from './global-setup'

export default async function globalTeardown(): Promise<void> {
  await globalThis.__KAP_MONGO__?.stop()
  await globalThis.__KAP_POSTGRES__?.stop()
  if (process.env.KAP_TEST_DATABASE !== 'mongodb') console.log(`\n${MONGODB_SKIP_NOTICE}\n`)
  const services = missingServicesNotice()
  if (services) console.log(`${services}\n`)
}
