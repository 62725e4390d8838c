/** The slug of the nth benchmark article, shared by the seeder and the runner. */
export function benchSlug(n: number): string {
  return `bench-article-${String(n).padStart(4, '0')}`
}
