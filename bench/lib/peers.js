// @ts-check
/**
 * `npm run bench -- --peers`: standin beside other mock servers on the same bytes and token shape,
 * measured in turns on the same machine. WireMock (the jar the `wiremock` npm package ships, run
 * with `java`) answers the Redox FHIR read with standin's own bytes and the token request with a
 * static token JSON; oauth2-mock-server signs an RS256 access token per client_credentials request.
 * A peer that cannot start here (package not installed, no JRE) is reported as skipped with why.
 * Neither package is a dependency: `npm install --no-save wiremock oauth2-mock-server` adds them.
 */
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCH, FORM, redoxToken, redoxTokenForm } from '../cases.js'
import { runLoad } from './load.js'
import { cpuMsOf, startServer } from './spawn.js'
import { callJson, loadBenchScenario, startStandin } from './standin.js'
import { inTurns } from './turns.js'

const require = createRequire(import.meta.url)

/**
 * @typedef {{ peer: string, case: string, rps?: number, cpuRps?: number, standinRps?: number, ratio?: number, note?: string }} PeerRow
 * @typedef {import('./load.js').LoadOptions} LoadOptions
 * @typedef {import('./load.js').LoadRequest} LoadRequest
 * @typedef {{ url: string, cpuMs: () => number | undefined, stop: () => Promise<unknown> }} Peer
 */

/**
 * @param {{ log: (line: string) => void, warmup: LoadOptions, slice: LoadOptions, rounds: number }} options
 * @returns {Promise<PeerRow[]>}
 */
export async function measurePeers(options) {
  /** @type {PeerRow[]} */
  const rows = []
  const add = (/** @type {PeerRow} */ row) => {
    rows.push(row)
    const rate =
      row.rps === undefined
        ? ''
        : `${Math.round(row.rps)} req/s, standin ${Math.round(row.standinRps ?? 0)} req/s`
    options.log(`bench: peer ${row.peer}, ${row.case}: ${rate}${row.note ? ` (${row.note})` : ''}`)
  }
  const standin = await startStandin()
  try {
    await loadBenchScenario(standin.url)
    const ctx = {
      url: standin.url,
      call: (/** @type {string} */ p, /** @type {any} */ i) => callJson(standin.url, p, i),
    }
    const token = await redoxToken(ctx)
    const fhirPath = `${BENCH.redox.fhirBase}/Patient/${BENCH.redox.patientId}`
    const fhir = { path: fhirPath, headers: { authorization: `Bearer ${token}` } }
    const fhirAnswer = await fetch(`${standin.url}${fhirPath}`, { headers: fhir.headers })
    const fhirBytes = Buffer.from(await fhirAnswer.arrayBuffer())
    const tokenRequest = {
      method: 'POST',
      path: '/redox/v2/auth/token',
      headers: FORM,
      body: (await redoxTokenForm(ctx)).body,
    }
    const tokenJson = await (
      await fetch(`${standin.url}${tokenRequest.path}`, {
        method: 'POST',
        headers: FORM,
        body: tokenRequest.body,
      })
    ).text()

    /** @param {string} peer @param {string} name @param {Peer} server @param {LoadRequest} mine @param {LoadRequest} theirs */
    const pair = async (peer, name, server, mine, theirs) => {
      await runLoad(server.url, theirs, {
        ...options.warmup,
        seconds: Math.max(5, options.warmup.seconds),
      })
      await runLoad(standin.url, mine, options.warmup)
      const turns = await inTurns(
        { server, request: theirs },
        { server: standin, request: mine },
        options,
      )
      const bad = Object.keys(turns.load.statuses).filter((code) => code !== '200')
      add({
        peer,
        case: name,
        rps: turns.load.rps,
        ...(turns.cpuRps === undefined ? {} : { cpuRps: turns.cpuRps }),
        standinRps: turns.base.rps,
        ratio: 1 / turns.ratio,
        ...(bad.length > 0 ? { note: `the peer answered ${bad.join(', ')}` } : {}),
      })
    }

    const wiremock = await startWireMock().catch((/** @type {Error} */ error) => error)
    if (wiremock instanceof Error)
      add({ peer: 'WireMock', case: 'all', note: `skipped: ${wiremock.message}` })
    else {
      try {
        await stub(wiremock.url, {
          request: { method: 'GET', url: fhirPath },
          response: {
            status: 200,
            headers: { 'content-type': fhirAnswer.headers.get('content-type') ?? '' },
            base64Body: fhirBytes.toString('base64'),
          },
        })
        await stub(wiremock.url, {
          request: { method: 'POST', url: tokenRequest.path },
          response: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: tokenJson,
          },
        })
        await pair(
          'WireMock',
          `Redox FHIR read (${String(fhirBytes.length)} bytes)`,
          wiremock,
          fhir,
          fhir,
        )
        await pair(
          'WireMock',
          'token endpoint (static stub vs RS384 verify)',
          wiremock,
          tokenRequest,
          tokenRequest,
        )
      } finally {
        await wiremock.stop()
      }
    }

    const oauth2 = await startOauth2().catch((/** @type {Error} */ error) => error)
    if (oauth2 instanceof Error)
      add({ peer: 'oauth2-mock-server', case: 'all', note: `skipped: ${oauth2.message}` })
    else {
      try {
        const theirs = {
          method: 'POST',
          path: '/token',
          headers: FORM,
          body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'fhir' }).toString(),
        }
        await pair(
          'oauth2-mock-server',
          'token endpoint (RS256 signing vs RS384 verify)',
          oauth2,
          tokenRequest,
          theirs,
        )
      } finally {
        await oauth2.stop()
      }
    }
  } finally {
    await standin.stop()
  }
  return rows
}

/** @returns {Promise<Peer>} */
async function startOauth2() {
  try {
    require.resolve('oauth2-mock-server')
  } catch {
    throw new Error(
      'oauth2-mock-server is not installed (npm install --no-save oauth2-mock-server)',
    )
  }
  const file = fileURLToPath(new URL('../peers/oauth2.js', import.meta.url))
  return startServer([file])
}

/** @returns {Promise<Peer>} */
async function startWireMock() {
  /** @type {string} */
  let dir
  try {
    dir = dirname(require.resolve('wiremock/package.json'))
  } catch {
    throw new Error('wiremock is not installed (npm install --no-save wiremock)')
  }
  const jar = findJar(dir)
  if (!jar) throw new Error(`no jar in ${dir}`)
  const port = await freePort()
  const child = spawn(
    'java',
    [
      '-jar',
      jar,
      '--port',
      String(port),
      '--bind-address',
      '127.0.0.1',
      '--disable-banner',
      '--no-request-journal',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (/** @type {Buffer} */ chunk) => (stderr += chunk.toString()))
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => child.once('exit', () => resolve()))
  const spawnError = new Promise((_, reject) => child.once('error', reject))
  const url = `http://127.0.0.1:${String(port)}`
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGKILL')
    await exited
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    const ready = await Promise.race([
      fetch(`${url}/__admin/health`).then(
        (r) => r.ok,
        () => false,
      ),
      spawnError,
    ]).catch(async (/** @type {Error} */ error) => {
      await stop()
      throw new Error(`java could not start: ${error.message}`)
    })
    if (ready) break
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`WireMock did not start: ${stderr.trim().split('\n')[0] ?? ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const pid = child.pid ?? 0
  return { url, cpuMs: () => cpuMsOf(pid), stop }
}

/** @param {string} dir */
function findJar(dir) {
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    if (name.endsWith('.jar')) return join(dir, name)
  return undefined
}

/** @param {string} base @param {unknown} mapping */
async function stub(base, mapping) {
  const response = await fetch(`${base}/__admin/mappings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(mapping),
  })
  if (!response.ok) throw new Error(`WireMock refused a stub: ${String(response.status)}`)
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
