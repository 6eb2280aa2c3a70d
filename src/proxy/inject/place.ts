/**
 * The two places a credential travels: an `Authorization: Bearer` header (Epicollect5, Redox), or a
 * form field of the body (REDCap's `token`, urlencoded or multipart).
 */
import { encodedFormValue, formFieldName, replaceFormField } from '../form.js'
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
  const field = formFieldName(name)
  // The value as the form carries it, encoded once per credential rather than once per request.
  let encoded: { readonly value: string; readonly bytes: Uint8Array } | undefined
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
        if (encoded?.value !== value) encoded = { value, bytes: encodedFormValue(value) }
        return { ...request, body: replaceFormField(body, field, encoded.bytes) }
      }
      return request
    },
  }
}
