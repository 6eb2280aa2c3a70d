/**
 * @module The provider registry: a list, not a switch. Order is the order of the dashboard.
 */
import { epicollect } from './epicollect/index.js'
import type { AnyProvider } from './provider.js'
import { redcap } from './redcap/index.js'
import { redox } from './redox/index.js'

export const providers: readonly AnyProvider[] = [redcap, epicollect, redox]
