/**
 * No single request within the default body limit keeps the event loop busy for more than a
 * second. The worst inputs are sent over a real socket while a probe timer runs in the same
 * process: the longest gap between two ticks is the longest stall. This machine may be shared, so
 * a stall is measured in CPU time (this thread's CPU use between the two ticks around it), which
 * another process's load does not inflate the way it inflates wall time; the wall-time delay is
 * reported beside it.
 */
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_BODY_LIMIT } from '../../src/config/schema.js'
import { serveApp, type RunningServer } from '../../src/node/serve.js'
import { providers } from '../../src/providers/index.js'
import { createTestStandin } from '../../src/testing/index.js'
import { ALICE_CLASSIC, ALICE_SUPER } from '../providers/redcap/support.js'
import { bigOdm, recordRows } from './support/large-inputs.js'

const STALL_LIMIT_MS = 1_000

const t = await createTestStandin({ providers, scenario: 'default' })
const server: RunningServer = await serveApp(t.app.fetch, { host: '127.0.0.1', port: 0 })
afterAll(() => server.close())

interface Stall {
  readonly cpuMs: number
  readonly wallMs: number
}

/**
 * CPU time of this thread only, in ms: on Linux from /proc/thread-self/stat (utime and stime in
 * 10 ms ticks), so the garbage collector's and the thread pool's helper threads, which do not hold
 * the event loop, are not counted; elsewhere the whole process's.
 */
function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    const cpu = process.cpuUsage()
    return (cpu.user + cpu.system) / 1000
  }
}

/** Runs `work` while a 5 ms timer watches the event loop; returns the longest stall seen. */
async function longestStall(work: () => Promise<void>): Promise<Stall> {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  let longestCpu = 0
  let lastCpu = threadCpuMs()
  const timer = setInterval(() => {
    const now = threadCpuMs()
    longestCpu = Math.max(longestCpu, now - lastCpu)
    lastCpu = now
  }, 5)
  try {
    await work()
    // One more tick after the answer, so the last stall is counted.
    await new Promise((resolve) => setTimeout(resolve, 20))
  } finally {
    clearInterval(timer)
    histogram.disable()
  }
  return { cpuMs: Math.round(longestCpu), wallMs: Math.round(histogram.max / 1e6) }
}

function post(path: string, body: string, type = 'application/x-www-form-urlencoded') {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body })
}

const redcap = (params: Record<string, string>) =>
  new URLSearchParams({ returnFormat: 'json', ...params }).toString()

const WORST: readonly (readonly [string, () => string, string, number])[] = [
  [
    'a 40,000-row REDCap record import (JSON)',
    () =>
      redcap({
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        data: JSON.stringify(recordRows(40_000, 1)),
      }),
    '/redcap/api/',
    200,
  ],
  [
    'a 40,000-row REDCap record import (CSV)',
    () => {
      const rows = recordRows(40_000, 100_000)
      const csv = [
        Object.keys(rows[0] ?? {}).join(','),
        ...rows.map((r) => Object.values(r).join(',')),
      ]
      return redcap({
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'csv',
        data: csv.join('\n'),
      })
    },
    '/redcap/api/',
    200,
  ],
  [
    'a 40,000-field REDCap metadata import',
    () => {
      const fields = [
        {
          field_name: 'record_id',
          form_name: 'demographics',
          field_type: 'text',
          field_label: 'ID',
        },
      ]
      for (let i = 0; i < 40_000; i++)
        fields.push({
          field_name: `f${String(i)}`,
          form_name: `form_${String(i % 50)}`,
          field_type: 'text',
          field_label: `F ${String(i)}`,
        })
      return redcap({
        token: ALICE_CLASSIC,
        content: 'metadata',
        format: 'json',
        data: JSON.stringify(fields),
      })
    },
    '/redcap/api/',
    200,
  ],
  [
    'a REDCap project created from an ODM file near the body limit',
    () =>
      redcap({
        token: ALICE_SUPER,
        content: 'project',
        format: 'json',
        data: JSON.stringify([{ project_title: 'big', purpose: 0 }]),
        odm: bigOdm(DEFAULT_BODY_LIMIT * 0.9),
      }),
    '/redcap/api/',
    200,
  ],
  [
    'JSON data nested 5,000 deep',
    () =>
      redcap({
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        data: '['.repeat(5_000) + ']'.repeat(5_000),
      }),
    '/redcap/api/',
    400,
  ],
  [
    'filterLogic with 2,000 nested parentheses',
    () =>
      redcap({
        token: ALICE_CLASSIC,
        content: 'record',
        format: 'json',
        filterLogic: '('.repeat(2_000) + "[record_id] = '1'" + ')'.repeat(2_000),
      }),
    '/redcap/api/',
    400,
  ],
]

describe('event-loop stalls', () => {
  it.each(WORST)('%s stalls the event loop under a second', async (_label, body, path, status) => {
    const text = body()
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DEFAULT_BODY_LIMIT)
    let answered = 0
    const stall = await longestStall(async () => {
      const response = await post(path, text)
      answered = response.status
      await response.arrayBuffer()
    })
    process.stdout.write(
      `${_label}: longest stall ${String(stall.cpuMs)} ms CPU, ${String(stall.wallMs)} ms wall\n`,
    )
    expect(answered).toBe(status)
    expect(stall.cpuMs).toBeLessThan(STALL_LIMIT_MS)
  })

  it('a pathological path pattern stalls nothing', async () => {
    const override = await fetch(`${server.url}/_standin/overrides`, {
      method: 'POST',
      body: JSON.stringify({ path: '/*a*a*a*a*a*a*a*b', outcome: 'expired' }),
    })
    expect(override.status).toBe(201)
    const stall = await longestStall(async () => {
      const response = await fetch(`${server.url}/epicollect/${'a'.repeat(60)}`)
      expect(response.status).toBeLessThan(500)
      await response.arrayBuffer()
    })
    expect(stall.cpuMs).toBeLessThan(STALL_LIMIT_MS)
    await fetch(`${server.url}/_standin/overrides`, { method: 'DELETE' })
  })
})
