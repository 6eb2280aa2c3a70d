/**
 * @module The provider registry: a list, not a switch. Order is the order of the dashboard.
 */
import { epicollectProvider } from './epicollect/index.js'
import type { AnyProvider } from './provider.js'

export const providers: readonly AnyProvider[] = [epicollectProvider]
