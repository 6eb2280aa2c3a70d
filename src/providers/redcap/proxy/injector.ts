/**
 * REDCap: the credential is the POST field `token` of the urlencoded or multipart body
 * (protocols/redcap.md §1.3); standin replaces the client's local token with the real one.
 * REDCap has no token endpoint on its API: tokens are requested and approved in its web UI.
 */
import { formField } from '../../../proxy/inject/place.js'
import { once, type InjectorDefinition } from '../../../proxy/inject/injector.js'

export const redcapInjector: InjectorDefinition = {
  provider: 'redcap',
  localPaths: [],
  place: formField('token'),
  fields: ['token'],
  create(deps) {
    const token = once(() => deps.secret('token'))
    return { current: () => Promise.resolve(token()) }
  },
}
