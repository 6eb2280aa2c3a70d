/**
 * The secrets a test sent, by kind, and the plain-fetch helpers that send them the way clients do.
 */
export class Secrets {
  readonly byKind = new Map<string, string>()
  /** Calls whose status was not the one expected: a secret that was refused proves nothing. */
  readonly surprises: string[] = []

  add(kind: string, value: string): string {
    if (value.length < 8) throw new Error(`${kind}: "${value}" is too short to search for`)
    this.byKind.set(kind, value)
    return value
  }

  async expect(label: string, response: Response, status = 200): Promise<string> {
    const text = await response.text()
    if (response.status !== status)
      this.surprises.push(`${label}: ${String(response.status)} ${text.slice(0, 200)}`)
    return text
  }
}

export const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

export function multipart(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}

export async function json<T>(response: Response): Promise<T> {
  if (!response.ok)
    throw new Error(`${response.url}: ${String(response.status)} ${await response.text()}`)
  return (await response.json()) as T
}
