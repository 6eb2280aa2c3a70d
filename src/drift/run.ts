/**
 * A drift check: every recorded exchange of the real service replayed, in the order it was
 * recorded, against a fresh simulation of a scenario, and the two answers compared. The request
 * takes the scenario's credential where the app used a local one (see each provider's `drift.ts`).
 */
import type { FixtureStore } from '../core/fixtures.js'
import { providerContext, type AnyProvider } from '../providers/provider.js'
import type { Recording } from '../proxy/recording-format.js'
import { recordedResponse, RecordingLibrary } from '../proxy/replay.js'
import type { World } from '../world.js'
import { compareAnswers, type Answer } from './compare.js'
import { buildReport, type DriftReport, type ExchangeResult } from './report.js'
import { driftRequest, toRequest } from './replay-request.js'

/** A fresh simulation: its world and how it answers a request without a socket. */
export interface Simulation {
  readonly world: World
  readonly fetch: (request: Request) => Promise<Response>
}

export interface DriftInput {
  /** Where recordings are: `<folder>/<provider>/<file>.json` in this store. */
  readonly recordings: FixtureStore
  /** The folder in the store that holds one folder per provider ('' for the store's root). */
  readonly folder: string
  readonly simulation: Simulation
  readonly scenario: string
}

interface Exchange {
  readonly provider: AnyProvider
  readonly file: string
  readonly recording: Recording
}

export async function runDrift(input: DriftInput): Promise<DriftReport> {
  const { world } = input.simulation
  const results: ExchangeResult[] = []
  for (const exchange of recordedExchanges(input, world.providers)) {
    results.push(await replayOne(exchange, input.simulation))
  }
  return buildReport(input.scenario, results, world.providers)
}

function recordedExchanges(input: DriftInput, providers: readonly AnyProvider[]): Exchange[] {
  const library = new RecordingLibrary(() => input.recordings)
  const folder = (id: string) => (input.folder === '' ? id : `${input.folder}/${id}`)
  const all = providers.flatMap((provider) =>
    library
      .entries(folder(provider.id))
      .map((e) => ({ provider, file: e.file, recording: e.recording })),
  )
  return all.sort((a, b) => compareOrder(a, b))
}

/** Recorded order: time, then the recorder's sequence, then file name for hand-written ones. */
function compareOrder(a: Exchange, b: Exchange): number {
  const at = (a.recording.recorded?.at ?? '').localeCompare(b.recording.recorded?.at ?? '')
  if (at !== 0) return at
  const seq = (a.recording.recorded?.seq ?? 0) - (b.recording.recorded?.seq ?? 0)
  return seq !== 0 ? seq : a.file.localeCompare(b.file)
}

async function replayOne(exchange: Exchange, simulation: Simulation): Promise<ExchangeResult> {
  const { provider, file, recording } = exchange
  const request = driftRequest(recording.request)
  const profile = provider.drift
  const route = profile?.route(request) ?? `${request.method} ${request.path}`
  const base = { provider: provider.id, route, file }
  if (!profile) return { ...base, skipped: `${provider.id} has no drift profile` }
  let answer: Answer
  try {
    const ctx = providerContext(provider, simulation.world)
    const auth = await profile.authorize(ctx, request, recording.recorded?.credential)
    answer = await answerOf(await simulation.fetch(toRequest(recording.request, auth)))
  } catch (error) {
    return { ...base, skipped: error instanceof Error ? error.message : String(error) }
  }
  const recorded = await answerOf(recordedResponse(recording.response))
  return {
    ...base,
    statuses: [recorded.status, answer.status],
    differences: compareAnswers(recorded, answer),
  }
}

const TEXTUAL = /^(text\/|application\/([\w.-]+\+)?(json|xml|csv|x-www-form-urlencoded)\b)/i

async function answerOf(response: Response): Promise<Answer> {
  const contentType = response.headers.get('content-type') ?? undefined
  const bytes = new Uint8Array(await response.arrayBuffer())
  const textual = contentType === undefined || TEXTUAL.test(contentType)
  return {
    status: response.status,
    contentType,
    text: textual ? new TextDecoder().decode(bytes) : undefined,
  }
}
