/**
 * A tiny REDCap client: every call is a form POST to `<base>/api/` with the token in the body.
 */
export type Row = Record<string, string>

export class RedcapError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`REDCap answered ${String(status)}: ${body}`)
  }
}

export function redcapClient(baseUrl: string, token: string) {
  async function call(params: Record<string, string>): Promise<string> {
    const response = await fetch(`${baseUrl}/api/`, {
      method: 'POST',
      body: new URLSearchParams({ token, format: 'json', returnFormat: 'json', ...params }),
    })
    const text = await response.text()
    if (response.status !== 200) throw new RedcapError(response.status, text)
    return text
  }
  return {
    /** Any API call, for contents this client has no method for. */
    call,
    version: () => call({ content: 'version' }),
    /** With a super token: creates a project and returns its new 32-character API token. */
    createProject: async (title: string) =>
      (
        await call({
          content: 'project',
          data: JSON.stringify([{ project_title: title, purpose: '0' }]),
        })
      ).slice(-32),
    projectInfo: async () =>
      JSON.parse(await call({ content: 'project' })) as {
        project_id: number
        project_title: string
      },
    importRecords: async (rows: Row[]) =>
      JSON.parse(await call({ content: 'record', data: JSON.stringify(rows) })) as {
        count: number
      },
    exportRecords: async () => JSON.parse(await call({ content: 'record', type: 'flat' })) as Row[],
  }
}
