// @ts-check
/**
 * The bench's two outputs: a markdown report (bench/results/latest.md) and one summary line per
 * case on stdout.
 */
import { flatMet } from '../flat/row.js'
import { formatRate, formatRatio, round } from './stats.js'

/**
 * @typedef {import('./load.js').LoadResult} LoadResult
 *
 * @typedef {object} CaseRow
 * @property {string} name
 * @property {string} floor
 * @property {number | undefined} target
 * @property {'measured' | 'skipped' | 'failed'} outcome
 * @property {string} [reason]       why skipped or failed
 * @property {LoadResult} [load]
 * @property {number} [ratio]        req/s over the floor's req/s (median over the rounds)
 * @property {number} [floorRps]     the floor's req/s, measured in turns with the case
 * @property {number} [cpuRps]       requests per CPU-second of the server process
 * @property {number} [cpuRatio]     cpuRps over the floor's (median over the rounds)
 * @property {number} [floorCpuRps]  the floor's requests per CPU-second
 * @property {CpuPerRequest} [split]  CPU per request, user and system, the case's and its floor's
 * @property {string} [unexpected]   answers with another status than the case expects
 * @property {{ file: string, busyMs: number, hotspots: import('./profile.js').Hotspot[], ownCode: import('./profile.js').Hotspot[] }} [profile]
 *
 * @typedef {object} CpuPerRequest  microseconds of the server process's CPU per request (medians)
 * @property {number | undefined} userUs       in its own code
 * @property {number | undefined} systemUs     in the kernel
 * @property {number | undefined} floorUserUs
 * @property {number | undefined} floorSystemUs
 *
 * @typedef {object} ColdRow
 * @property {string} name
 * @property {number} wallMs
 * @property {number | undefined} cpuMs
 * @property {number} runs
 * @property {number | undefined} wallRatio  to the bare hono start
 * @property {number | undefined} cpuRatio
 * @property {number | undefined} target
 *
 * @typedef {object} MemoryRow
 * @property {number} requests
 * @property {number | undefined} rssBeforeMb
 * @property {number | undefined} rssAfterMb
 * @property {number} clockAdvances
 * @property {Record<string, number>} statuses
 * @property {number} targetMb
 * @property {string} [scope]  which requests the long run sent, when not every case's
 *
 * @typedef {object} Report
 * @property {Record<string, string>} meta
 * @property {CaseRow[]} cases
 * @property {import('../flat/row.js').FlatRow[]} flat
 * @property {ColdRow[]} cold
 * @property {MemoryRow | undefined} memory
 * @property {import('./peers.js').PeerRow[]} [peers]
 */

/** @param {boolean | undefined} met */
const metWord = (met) => (met === undefined ? '' : met ? 'met' : 'MISSED')

/** @param {import('../flat/row.js').FlatRow} row */
export function flatLine(row) {
  if (row.outcome !== 'measured') return `bench: ${row.name}: ${row.outcome} (${row.reason ?? ''})`
  const bound = row.bound === 'at most' ? '≤' : '≥'
  const cpu = row.cpuRatio === undefined ? '' : ` (CPU ${formatRatio(row.cpuRatio)})`
  const note = row.note ? `; ${row.note}` : ''
  return `bench: ${row.name}: ${row.measured ?? ''} vs ${row.base ?? ''}, ${formatRatio(row.ratio)}${cpu}, target ${bound} ${formatRatio(row.target)}: ${metWord(flatMet(row))}${note}`
}

/**
 * bench/results/latest.json: every case with req/s, CPU req/s, floor, ratio, target and met.
 * @param {Report} report
 */
export function toJson(report) {
  const num = (/** @type {number | undefined} */ n) =>
    n === undefined || !Number.isFinite(n) ? null : round(n, 3)
  return {
    meta: report.meta,
    throughput: report.cases.map((row) => ({
      name: row.name,
      outcome: row.outcome,
      ...(row.reason ? { reason: row.reason } : {}),
      rps: num(row.load?.rps),
      cpuRps: num(row.cpuRps),
      p50Ms: num(row.load?.p50),
      p99Ms: num(row.load?.p99),
      floor: row.floor,
      floorRps: num(row.floorRps),
      floorCpuRps: num(row.floorCpuRps),
      ratio: num(row.ratio),
      cpuRatio: num(row.cpuRatio),
      ...(row.split
        ? {
            userUs: num(row.split.userUs),
            systemUs: num(row.split.systemUs),
            floorUserUs: num(row.split.floorUserUs),
            floorSystemUs: num(row.split.floorSystemUs),
          }
        : {}),
      target: row.target ?? null,
      met: row.target === undefined || row.ratio === undefined ? null : row.ratio >= row.target,
      cpuMet:
        row.target === undefined || row.cpuRatio === undefined ? null : row.cpuRatio >= row.target,
      ...(row.unexpected ? { unexpected: row.unexpected } : {}),
    })),
    flat: report.flat.map((row) => ({
      ...row,
      ratio: num(row.ratio),
      cpuRatio: num(row.cpuRatio),
      met: flatMet(row) ?? null,
      cpuMet: row.cpuRatio === undefined ? null : (flatMet(row, row.cpuRatio) ?? null),
    })),
    cold: report.cold.map((row) => ({
      ...row,
      met:
        row.target === undefined || row.wallRatio === undefined ? null : row.wallRatio < row.target,
    })),
    memory: report.memory
      ? {
          ...report.memory,
          met:
            report.memory.rssAfterMb === undefined
              ? null
              : report.memory.rssAfterMb < report.memory.targetMb,
        }
      : null,
    ...(report.peers ? { peers: report.peers } : {}),
  }
}

/**
 * Met or missed, by the wall-clock ratio and by the CPU ratio (the one to trust when other work
 * shares the machine).
 * @param {CaseRow} row
 */
function verdict(row) {
  if (row.outcome !== 'measured') return row.outcome
  const { target } = row
  if (target === undefined || row.ratio === undefined) return ''
  const mark = (/** @type {number} */ ratio) => (ratio >= target ? 'met' : 'MISSED')
  return `${mark(row.ratio)}${row.cpuRatio === undefined ? '' : ` (CPU: ${mark(row.cpuRatio)})`}`
}

/** @param {Record<string, number>} statuses */
function formatStatuses(statuses) {
  return Object.entries(statuses)
    .map(([code, n]) => `${code}×${String(n)}`)
    .join(' ')
}

/** @param {CaseRow} row */
export function summaryLine(row) {
  if (row.outcome !== 'measured' || !row.load)
    return `bench: ${row.name}: ${row.outcome} (${row.reason ?? ''})`
  const { load } = row
  const ratio =
    row.ratio === undefined
      ? ''
      : `, ${formatRatio(row.ratio)} ${row.floor}${row.cpuRatio === undefined ? '' : ` (CPU ${formatRatio(row.cpuRatio)})`}${row.target === undefined ? '' : `, target ${formatRatio(row.target)}: ${verdict(row)}`}`
  const unexpected = row.unexpected ? `, unexpected answers ${row.unexpected}` : ''
  return `bench: ${row.name}: ${formatRate(load.rps)} req/s, p50 ${String(load.p50)} ms, p99 ${String(load.p99)} ms${ratio}${unexpected}`
}

/** @param {CaseRow} row */
export function profileLines(row) {
  if (!row.profile) return []
  const line = (/** @type {string} */ kind, /** @type {import('./profile.js').Hotspot} */ h) =>
    `bench:   ${kind} ${(h.share * 100).toFixed(0).padStart(3)}% ${h.name}`
  return [
    ...row.profile.hotspots.slice(0, 3).map((h) => line('self', h)),
    ...row.profile.ownCode.slice(0, 3).map((h) => line('in  ', h)),
  ]
}

/** @param {ColdRow} row */
export function coldLine(row) {
  const ratio =
    row.wallRatio === undefined
      ? ''
      : `, ${formatRatio(row.wallRatio)} hono wall / ${formatRatio(row.cpuRatio)} hono CPU${row.target === undefined ? '' : ` (target under ${formatRatio(row.target)}: ${row.wallRatio < row.target ? 'met' : 'MISSED'})`}`
  const cpu = row.cpuMs === undefined ? '' : `, CPU ${String(round(row.cpuMs))} ms`
  return `bench: cold start ${row.name}: median ${String(round(row.wallMs))} ms to the ready line${cpu} over ${String(row.runs)} runs${ratio}`
}

/** @param {MemoryRow} row */
export function memoryLine(row) {
  const after = row.rssAfterMb === undefined ? 'unknown' : `${String(round(row.rssAfterMb))} MB`
  const met = row.rssAfterMb === undefined ? '' : row.rssAfterMb < row.targetMb ? 'met' : 'MISSED'
  const scope = row.scope ? ` of ${row.scope}` : ''
  return `bench: RSS after ${formatRate(row.requests)} requests${scope}: ${after} (before ${String(round(row.rssBeforeMb ?? Number.NaN))} MB; target under ${String(row.targetMb)} MB: ${met}; ${formatStatuses(row.statuses)})`
}

/** @param {Report} report */
export function toMarkdown(report) {
  const lines = ['# standin benchmark', '']
  for (const [key, value] of Object.entries(report.meta)) lines.push(`- ${key}: ${value}`)
  lines.push(
    '',
    '## Throughput',
    '',
    '| case | req/s | p50 ms¹ | p99 ms¹ | req/CPU-s² | floor | floor req/s | ratio | CPU ratio² | target | result |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |',
  )
  for (const row of report.cases) {
    const floorRps = row.floorRps === undefined ? '' : formatRate(row.floorRps)
    const result =
      row.outcome === 'measured'
        ? `${verdict(row)}${row.unexpected ? ` (unexpected: ${row.unexpected})` : ''}`
        : `${row.outcome}: ${row.reason ?? ''}`
    lines.push(
      `| ${row.name} | ${row.load ? formatRate(row.load.rps) : ''} | ${row.load ? String(row.load.p50) : ''} | ${row.load ? String(row.load.p99) : ''} | ${row.cpuRps === undefined ? '' : formatRate(row.cpuRps)} | ${row.floor} | ${floorRps} | ${formatRatio(row.ratio)} | ${formatRatio(row.cpuRatio)} | ${formatRatio(row.target)} | ${result} |`,
    )
  }
  lines.push(
    '',
    'Floors: `limit: replay` is node:http writing the byte-identical answer (status, content type and',
    'body captured from standin at the start of the run) from memory; `limit: form` also parses the',
    'urlencoded form; `limit: token` parses the form, verifies the same RS384 assertion with',
    'node:crypto and a key imported once, and writes the captured token JSON. The proxy floors are',
    'http-proxy to the same upstream. The `floor: bare ...` rows are references against node:http.',
    '',
    '¹ autocannon reports latency in whole milliseconds.',
    '² requests per CPU-second of the server process (its user + system time while it was measured),',
    '  and its ratio to the floor: much less moved than req/s by other load on the machine.',
    '',
    ...cpuSplitLines(report.cases),
    '## Cold start to the ready line',
    '',
    '| process | median wall ms | median CPU ms | runs | wall ratio to hono | CPU ratio to hono | target | result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  )
  for (const row of report.cold) {
    const result =
      row.target === undefined || row.wallRatio === undefined
        ? ''
        : row.wallRatio < row.target
          ? 'met'
          : 'MISSED'
    lines.push(
      `| ${row.name} | ${String(round(row.wallMs))} | ${row.cpuMs === undefined ? '' : String(round(row.cpuMs))} | ${String(row.runs)} | ${formatRatio(row.wallRatio)} | ${formatRatio(row.cpuRatio)} | ${row.target === undefined ? '' : `< ${formatRatio(row.target)}`} | ${result} |`,
    )
  }
  if (report.flat.length > 0) {
    lines.push(
      '',
      '## Flat cost as the work grows',
      '',
      'Each pair measured in the same run (rates in turns; imports small, large, small).',
      '',
      '| case | measured | compared with | ratio | CPU ratio | target | result | note |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    )
    for (const row of report.flat) {
      const bound = row.bound === 'at most' ? '≤' : '≥'
      const result =
        row.outcome === 'measured'
          ? `${metWord(flatMet(row))}${row.cpuRatio === undefined ? '' : ` (CPU: ${metWord(flatMet(row, row.cpuRatio))})`}`
          : `${row.outcome}: ${row.reason ?? ''}`
      lines.push(
        `| ${row.name} | ${row.measured ?? ''} | ${row.base ?? ''} | ${formatRatio(row.ratio)} | ${formatRatio(row.cpuRatio)} | ${row.target === undefined ? '' : `${bound} ${formatRatio(row.target)}`} | ${result} | ${row.note ?? ''} |`,
      )
    }
  }
  if (report.peers && report.peers.length > 0) {
    lines.push(
      '',
      '## Peers (--peers)',
      '',
      '| peer | case | req/s | req/CPU-s | standin req/s | standin / peer | note |',
      '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    )
    for (const p of report.peers)
      lines.push(
        `| ${p.peer} | ${p.case} | ${p.rps === undefined ? '' : formatRate(p.rps)} | ${p.cpuRps === undefined ? '' : formatRate(p.cpuRps)} | ${p.standinRps === undefined ? '' : formatRate(p.standinRps)} | ${formatRatio(p.ratio)} | ${p.note ?? ''} |`,
      )
  }
  if (report.memory) {
    const m = report.memory
    lines.push(
      '',
      '## Memory',
      '',
      '| requests | virtual clock advances | RSS before MB | RSS after MB | target | result | answers |',
      '| ---: | ---: | ---: | ---: | ---: | --- | --- |',
      `| ${formatRate(m.requests)} | ${String(m.clockAdvances)} | ${String(round(m.rssBeforeMb ?? Number.NaN))} | ${String(round(m.rssAfterMb ?? Number.NaN))} | < ${String(m.targetMb)} | ${m.rssAfterMb !== undefined && m.rssAfterMb < m.targetMb ? 'met' : 'MISSED'} | ${formatStatuses(m.statuses)} |`,
    )
    if (m.scope) lines.push('', `Requests: ${m.scope}.`)
  }
  const profiled = report.cases.filter((row) => row.profile)
  if (profiled.length > 0) {
    lines.push('', '## Where the time goes (node --cpu-prof)', '')
    for (const row of profiled) {
      const p = /** @type {NonNullable<CaseRow['profile']>} */ (row.profile)
      lines.push(
        `### ${row.name}`,
        '',
        `${String(round(p.busyMs))} ms busy; profile: \`${p.file}\``,
        '',
      )
      lines.push('| self time | function |', '| ---: | --- |')
      for (const h of p.hotspots) lines.push(`| ${(h.share * 100).toFixed(1)}% | \`${h.name}\` |`)
      lines.push('', '| time in, with callees | standin function |', '| ---: | --- |')
      for (const h of p.ownCode) lines.push(`| ${(h.share * 100).toFixed(1)}% | \`${h.name}\` |`)
      lines.push('')
    }
  }
  lines.push('')
  return lines.join('\n')
}

/**
 * Where each case's CPU goes, per request, beside its floor's: the system (kernel) time is the
 * socket work both do for the same bytes; the user time is what each does in its own process.
 * @param {CaseRow[]} cases
 */
function cpuSplitLines(cases) {
  const us = (/** @type {number | undefined} */ n) => (n === undefined ? '' : n.toFixed(1))
  const rows = cases.filter((row) => row.outcome === 'measured' && row.split?.userUs !== undefined)
  if (rows.length === 0) return []
  const lines = [
    '## CPU per request, user and system',
    '',
    "Microseconds of the server process's CPU per request (medians of the turns): system time is the",
    'kernel (socket reads and writes, scheduling), which the floor spends too for the same bytes;',
    "user time is the process's own work. A V8 CPU profile (`--profile`) books part of the kernel",
    'time to `writev` and misses the rest, so this split is the fairer account of the gap.',
    '',
    '| case | user µs | system µs | floor | floor user µs | floor system µs | extra user µs | extra system µs |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    const split = /** @type {CpuPerRequest} */ (row.split)
    const extra = (/** @type {number | undefined} */ a, /** @type {number | undefined} */ b) =>
      a === undefined || b === undefined ? undefined : a - b
    lines.push(
      `| ${row.name} | ${us(split.userUs)} | ${us(split.systemUs)} | ${row.floor} | ${us(split.floorUserUs)} | ${us(split.floorSystemUs)} | ${us(extra(split.userUs, split.floorUserUs))} | ${us(extra(split.systemUs, split.floorSystemUs))} |`,
    )
  }
  lines.push('')
  return lines
}
