import { describe, expect, it } from 'vitest'
import { createTestStandin } from '../src/testing/index.js'
import { echoProvider } from './support/echo-provider.js'

const options = { providers: [echoProvider], scenario: { providers: {} } }

describe('malformed request bodies', () => {
  it.each([
    ['multipart without a boundary', 'multipart/form-data', '--x\r\n'],
    ['multipart that is not multipart', 'multipart/form-data; boundary=x', 'garbage'],
  ])('answers %s in the provider envelope with 400 and journals why', async (_name, type, body) => {
    const t = await createTestStandin(options)
    const response = await t.request('/echo/token', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      fault: 'invalid_request',
      message: 'Malformed request body',
    })
    expect(t.journal.list(1)[0]).toMatchObject({
      status: 400,
      outcome: 'rejected',
      why: 'the request body could not be parsed: Failed to parse body as FormData.',
    })
  })
})
