import { siteOrigins, trustedOrigins } from '../../src/config/site-origins'

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv

describe('CORS_ORIGINS', () => {
  test('lists the sites; a value that is not an origin is refused', () => {
    expect(siteOrigins(env({ CORS_ORIGINS: 'https://clinic.example, http://localhost:4321' }))).toEqual(['https://clinic.example', 'http://localhost:4321'])
    expect(() => siteOrigins(env({ CORS_ORIGINS: 'clinic.example' }))).toThrow(/not an origin/)
    expect(() => siteOrigins(env({ CORS_ORIGINS: 'https://clinic.example/blog' }))).toThrow(/only scheme, host and port/)
    expect(() => trustedOrigins(env({ CORS_ORIGINS: 'https://clinic.example' }))).toThrow(/set SERVER_URL/)
    expect(trustedOrigins(env({ CORS_ORIGINS: 'https://clinic.example', SERVER_URL: 'https://cms.clinic.example/' }))).toEqual([
      'https://clinic.example',
      'https://cms.clinic.example',
    ])
    expect(trustedOrigins(env({}))).toEqual([])
  })
})
