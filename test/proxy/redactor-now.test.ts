import { expect, it } from 'vitest'
import { Redactor } from '../../src/proxy/credentials.js'

it('scrubs what was kept with the secrets of that moment, even after they are forgotten', () => {
  const redactor = new Redactor()
  redactor.add('first-real-token-0000', 'redcap.token')
  const then = redactor.scrubberNow()
  expect(redactor.scrubberNow()).toBe(then)
  // 256 more secrets push the first one out of the redactor itself...
  for (let i = 0; i < 256; i++) redactor.add(`later-secret-${String(i).padStart(4, '0')}`, 'x')
  expect(redactor.scrub('token first-real-token-0000')).toBe('token first-real-token-0000')
  // ...but a journal entry kept before is still read with it.
  expect(then('token first-real-token-0000')).toBe('token {{redcap.token}}')
  expect(redactor.scrubberNow()('later-secret-0255')).toBe('{{x}}')
})
