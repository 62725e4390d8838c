/** SMTP settings from the environment: off without SMTP_HOST, and each mistake named at startup. */
import { describeEmail, emailSettings as fromEnvironment } from '../../src/config/email'

const emailSettings = (variables: Record<string, string>) => fromEnvironment(variables as NodeJS.ProcessEnv)

test('no SMTP_HOST: no email, and the startup log says what that means', () => {
  expect(emailSettings({})).toBeUndefined()
  expect(describeEmail(undefined)).toBe('no email server (SMTP_HOST unset): review digests are not sent')
})

test('a full description, with TLS from the start on port 465 unless told otherwise', () => {
  expect(emailSettings({ SMTP_HOST: 'smtp.clinic.example', SMTP_PORT: '465', EMAIL_FROM: 'cms@clinic.example', SMTP_USER: 'cms', SMTP_PASSWORD: 'secret' })).toEqual({
    host: 'smtp.clinic.example',
    port: 465,
    secure: true,
    user: 'cms',
    password: 'secret',
    fromAddress: 'cms@clinic.example',
    fromName: 'KAP content',
  })
  expect(emailSettings({ SMTP_HOST: 'smtp.clinic.example', EMAIL_FROM: 'cms@clinic.example' })).toMatchObject({ port: 587, secure: false })
  // The description never carries the password.
  expect(describeEmail(emailSettings({ SMTP_HOST: 'smtp.clinic.example', EMAIL_FROM: 'cms@clinic.example', SMTP_USER: 'cms', SMTP_PASSWORD: 'secret' }))).toBe(
    'email through smtp.clinic.example:587 from cms@clinic.example',
  )
})

test('mistakes name the variable to fix', () => {
  expect(() => emailSettings({ SMTP_HOST: 'smtp.clinic.example' })).toThrow(/^EMAIL_FROM must be the address/)
  expect(() => emailSettings({ SMTP_HOST: 'smtp.clinic.example', EMAIL_FROM: 'not an address' })).toThrow(/^EMAIL_FROM/)
  expect(() => emailSettings({ SMTP_HOST: 'smtp.clinic.example', EMAIL_FROM: 'cms@clinic.example', SMTP_PORT: 'smtp' })).toThrow(/^SMTP_PORT must be a port number/)
  expect(() => emailSettings({ SMTP_HOST: 'smtp.clinic.example', EMAIL_FROM: 'cms@clinic.example', SMTP_USER: 'cms' })).toThrow(/^SMTP_USER and SMTP_PASSWORD go together/)
})
