/**
 * Credential injection for the echo provider, as a real provider's would be: its token endpoint
 * stays local, and the upstream's bearer token comes from a reference (`token`).
 */
import { once, type InjectorDefinition } from '../../src/proxy/inject/injector.js'
import { bearerHeader } from '../../src/proxy/inject/place.js'
import { ECHO_ID } from './echo-provider.js'

export const echoInjector: InjectorDefinition = {
  provider: ECHO_ID,
  localPaths: ['/token'],
  place: bearerHeader,
  fields: ['token'],
  staleWhen: { status: 401 },
  create(deps) {
    const token = once(() => deps.secret('token'))
    return { current: () => Promise.resolve(token()) }
  },
}
