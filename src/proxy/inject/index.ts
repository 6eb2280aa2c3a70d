/**
 * The credential injectors, by provider: each knows its upstream's protocol only.
 */
import { epicollectInjector } from '../../providers/epicollect/proxy/injector.js'
import type { InjectorDefinition } from './injector.js'
import { redcapInjector } from '../../providers/redcap/proxy/injector.js'
import { redoxInjector } from '../../providers/redox/proxy/injector.js'

export const INJECTORS: Readonly<Record<string, InjectorDefinition>> = {
  redcap: redcapInjector,
  epicollect: epicollectInjector,
  redox: redoxInjector,
}
