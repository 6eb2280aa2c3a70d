/** Bodies read as text: no content type (most form posts name one), text, JSON, XML, CSV, forms. */
export function isTextual(contentType: string | undefined): boolean {
  if (contentType === undefined) return true
  return /^(text\/|application\/([\w.-]+\+)?(json|xml)\b|application\/(javascript|x-www-form-urlencoded|csv)\b)/i.test(
    contentType,
  )
}
