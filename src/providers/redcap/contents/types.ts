/**
 * The content registry's contract. A content is one module that default-exports a `ContentDef`:
 * how its action is read (§1.5 steps 5-6), and per action the requirements it declares (checked
 * after the pipeline's generic rights) and the handler that returns a `Reply`. Handlers are pure:
 * no hono, no Node; they read the call and change `call.project` / `call.state`.
 */
import type { Clock } from '../../../core/clock.js'
import type { CredentialRegistry } from '../../../core/credentials.js'
import type { Random } from '../../../core/random.js'
import type { Project, RedcapState, User } from '../state/model.js'
import type { Access, ApiAction, Requirement } from '../state/rights.js'
import type { DataFormat, Format } from '../wire/format.js'
import type { ApiParams } from '../wire/params.js'
import type { Reply } from '../wire/reply.js'

export interface CallDeps {
  readonly clock: Clock
  readonly random: Random
  readonly credentials: CredentialRegistry
  /** The base URL the client used for the REDCap mount (survey links). */
  readonly baseUrl: string
}

export interface BaseCall {
  readonly params: ApiParams
  /** `format` resolved: json | csv | xml | odm (xml when missing or unknown). */
  readonly format: DataFormat
  /** `returnFormat` resolved: json | csv | xml. */
  readonly returnFormat: Format
  /** The posted `data` field, when it was a string. */
  readonly data: string | undefined
  readonly state: RedcapState
  readonly deps: CallDeps
}

/** A call made with a project token. */
export interface ProjectCall extends BaseCall {
  readonly project: Project
  readonly access: Access
  readonly user: User
}

/** A call made with a super token (version, project creation). */
export interface SuperCall extends BaseCall {
  readonly user: User
}

export interface ActionDef {
  /** Checked in order after the pipeline's step 7; the first unmet one is the reply. */
  readonly requires?: readonly Requirement[]
  readonly run?: (call: ProjectCall) => Reply
  readonly runSuper?: (call: SuperCall) => Reply
}

/** How the action is read. */
export type ActionRule =
  /** `action` when it is one of `explicit` (record delete...), else `data` present → import. */
  | { readonly from: 'data'; readonly explicit?: readonly ApiAction[] }
  /** `action` checked against `allowed` (else 400); missing → export (import with data if set). */
  | {
      readonly from: 'param'
      readonly allowed: readonly ApiAction[]
      readonly dataMeansImport?: boolean
    }
  /** Always this action (`version` is always export). */
  | { readonly from: 'fixed'; readonly action: ApiAction }

export interface ContentDef {
  readonly content: string
  readonly action: ActionRule
  readonly actions: Partial<Record<ApiAction, ActionDef>>
}

/** Step 5's two lists of valid `action` values. */
export const FILE_ACTIONS: readonly ApiAction[] = ['export', 'import', 'import_app', 'delete']
export const GENERIC_ACTIONS: readonly ApiAction[] = [
  'export',
  'delete',
  'import',
  'import_app',
  'switch',
  'list',
  'createFolder',
]

/** Exports that only know json, csv and xml answer `format=odm` as xml. */
export function tableFormat(call: BaseCall): Format {
  return call.format === 'odm' ? 'xml' : call.format
}
