/**
 * The contract every provider passes: a valid credential works; it dies when the
 * virtual clock passes its expiry; expired, revoked and unknown credentials get the provider's own
 * exact status and body; an unknown route gets the provider's 404; a reset restores the scenario.
 * Each provider's test file calls `runProviderContract` with its subject; every case runs.
 */
import { SystemClock, VirtualClock } from '../../src/core/clock.js'
import { describe, expect, it } from 'vitest'
import type { ForcedOutcome } from '../../src/core/forced-outcome.js'
import type { ProviderId } from '../../src/core/glossary.js'
import type { TestStandin, TestStandinOptions } from '../../src/testing/index.js'
import { createTestStandin } from '../../src/testing/index.js'

export interface ExpectedResponse {
  readonly status: number
  /** A JSON value compared whole, or a string compared with the body text. */
  readonly body: unknown
}

export interface ContractSubject {
  readonly provider: ProviderId
  readonly options: TestStandinOptions
  /** Gets a working credential, through the provider's own flow where it has one. */
  obtain(t: TestStandin): Promise<string>
  /** One authenticated data call. */
  call(t: TestStandin, credential: string): Promise<Response>
  /**
   * The lifetime of an obtained credential; absent where credentials never expire (REDCap), and
   * the suite then checks that one still works ten years on.
   */
  readonly lifetimeSeconds?: number
  readonly expired?: ExpectedResponse
  readonly revoked: ExpectedResponse
  readonly unknownCredential: string
  readonly unknown: ExpectedResponse
  readonly unknownRoute: {
    readonly path: string
    readonly init?: RequestInit
    readonly expected: ExpectedResponse
  }
  /**
   * What a data call answers when QA forces each outcome (`Standin-Force` header or an override):
   * the provider's own envelope for every one of them.
   */
  readonly forced?: Partial<Record<Exclude<ForcedOutcome, 'dropped'>, ExpectedResponse>>
}

const TEN_YEARS_SECONDS = 10 * 365 * 24 * 3600

/** How the suite reaches standin: `app.request()` by default; the MSW parity run uses real hostnames. */
export interface ContractTransport {
  readonly name: string
  create(options: TestStandinOptions): Promise<TestStandin>
}

export async function expectResponse(
  response: Response,
  expected: ExpectedResponse,
): Promise<void> {
  const text = await response.text()
  expect({
    status: response.status,
    body: typeof expected.body === 'string' ? text : parse(text),
  }).toEqual({
    status: expected.status,
    body: expected.body,
  })
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

async function admin(t: TestStandin, path: string, body?: unknown): Promise<Response> {
  return t.request(
    `/_standin${path}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  )
}

/** The same standin, with a `Standin-Force` header on every request. */
function forcing(t: TestStandin, outcome: string): TestStandin {
  return {
    ...t,
    request: (input, init) =>
      t.request(input, {
        ...init,
        headers: { ...Object.fromEntries(new Headers(init?.headers)), 'Standin-Force': outcome },
      }),
  }
}

function credentialId(t: TestStandin, provider: ProviderId, secret: string): string {
  const lookup = t.world.credentials.lookup(provider, secret)
  if (!lookup.found) throw new Error(`the obtained credential is not in the registry`)
  return lookup.credential.id
}

export function runProviderContract(
  subject: ContractSubject,
  transport: ContractTransport = { name: 'app.request', create: createTestStandin },
): void {
  describe(`${subject.provider} provider contract through ${transport.name}`, () => {
    it('answers a data call made with a valid credential', async () => {
      const t = await transport.create(subject.options)
      const response = await subject.call(t, await subject.obtain(t))
      expect(response.status).toBe(200)
    })

    const lifetime = subject.lifetimeSeconds
    if (lifetime === undefined) {
      it('keeps a credential that never expires valid as the clock moves on', async () => {
        const t = await transport.create(subject.options)
        const credential = await subject.obtain(t)
        await admin(t, '/clock', { advance: TEN_YEARS_SECONDS })
        expect((await subject.call(t, credential)).status).toBe(200)
      })
    } else {
      it('rejects a credential once the virtual clock passes its expiry', async () => {
        const t = await transport.create(subject.options)
        const credential = await subject.obtain(t)
        expect((await subject.call(t, credential)).status).toBe(200)
        if (!subject.expired) throw new Error('a lifetime needs an `expired` answer')
        await admin(t, '/clock', { advance: lifetime - 1 })
        expect((await subject.call(t, credential)).status).toBe(200)
        await admin(t, '/clock', { advance: 1 })
        await expectResponse(await subject.call(t, credential), subject.expired)
      })
    }

    it('rejects a credential revoked through the control plane with the provider body', async () => {
      const t = await transport.create(subject.options)
      const credential = await subject.obtain(t)
      const id = credentialId(t, subject.provider, credential)
      expect((await admin(t, `/tokens/${id}/revoke`, {})).status).toBe(200)
      await expectResponse(await subject.call(t, credential), subject.revoked)
      const [entry] = t.journal.list(1)
      expect(entry?.outcome).toBe('rejected')
      expect(entry?.why).toBeTruthy()
    })

    it('rejects an unknown credential with the provider body', async () => {
      const t = await transport.create(subject.options)
      await expectResponse(await subject.call(t, subject.unknownCredential), subject.unknown)
    })

    it('answers an unknown route with the provider 404', async () => {
      const t = await transport.create(subject.options)
      const { path, init, expected } = subject.unknownRoute
      await expectResponse(await t.request(path, init), expected)
    })

    const forced = Object.entries(subject.forced ?? {})
    if (forced.length === 0) {
      it('answers forced outcomes in the provider envelope', () => {
        throw new Error('give a `forced` table')
      })
    }
    for (const [outcome, expected] of forced) {
      it(`answers a forced ${outcome} in the provider envelope, by header and by override`, async () => {
        const t = await transport.create(subject.options)
        const credential = await subject.obtain(t)
        await expectResponse(await subject.call(forcing(t, outcome), credential), expected)
        await admin(t, '/overrides', { provider: subject.provider, outcome })
        await expectResponse(await subject.call(t, credential), expected)
        expect(t.journal.list(1)[0]?.outcome).toBe('forced')
      })
    }

    it('restores the scenario state and clock on reset', async () => {
      // Real time held still: a scenario without a fixed clock starts from real time on reset
      // (test/admin/clock-from-real-time.test.ts), and load-time stamps would move with it.
      const realClock = new VirtualClock(new SystemClock().now(), new SystemClock(), true)
      const t = await transport.create({ ...subject.options, realClock })
      const before = await (await admin(t, '/state')).json()
      const tokensBefore = await (await admin(t, '/tokens')).json()
      const credential = await subject.obtain(t)
      await subject.call(t, credential)
      await admin(t, '/clock', { advance: 3600 })
      expect((await admin(t, '/reset', {})).status).toBe(200)
      expect(await (await admin(t, '/state')).json()).toEqual(before)
      expect(await (await admin(t, '/tokens')).json()).toEqual(tokensBefore)
    })
  })
}
