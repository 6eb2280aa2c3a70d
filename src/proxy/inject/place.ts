/**
 * The two places a credential travels: an `Authorization: Bearer` header (Epicollect5, Redox), or a
 * form field of the body (REDCap's `token`, urlencoded or multipart).
 */
import { replaceFormField } from '../form.js'
import { boundaryOf, replaceMultipartField } from '../multipart.js'
import type { CredentialCarrier, CredentialPlace } from './injector.js'

export const bearerHeader: CredentialPlace = {
  inBody: false,
  put: (request, value) => ({
    ...request,
    headers: { ...request.headers, authorization: `Bearer ${value}` },
  }),
}

export function formField(name: string): CredentialPlace {
  return {
    inBody: true,
    put(request: CredentialCarrier, value: string): CredentialCarrier {
      const { body, contentType } = request
      if (!(body instanceof Uint8Array)) return request
      const boundary = boundaryOf(contentType)
      if (boundary !== undefined) {
        return { ...request, body: replaceMultipartField(body, boundary, name, value) }
      }
      if (contentType !== undefined && /^application\/x-www-form-urlencoded/i.test(contentType)) {
        return { ...request, body: replaceFormField(body, name, value) }
      }
      return request
    },
  }
}
