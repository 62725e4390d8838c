export default async function globalTeardown(): Promise<void> {
  await globalThis.__KAP_MONGO__?.stop()
}
