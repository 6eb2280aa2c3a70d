import { describe, expect, it } from 'vitest'
import {
  ACCESS_DENIED,
  admin,
  BAD_CLIENT,
  bearer,
  outcome,
  RIVER,
  RIVER_APP,
  standin,
  token,
  tokenForm,
  TREES,
  UNAUTHORIZED_CLIENT,
} from './support.js'

const ENTRIES = `/epicollect/api/export/entries/${RIVER}?per_page=1`

describe('the Apps page at /_standin/epicollect', () => {
  it('creates one app per project with an integer id and a 40-character secret', async () => {
    const t = await standin()
    const created = await admin(t, 'POST', `/epicollect/projects/${TREES}/app`, {
      name: 'Tree sync',
    })
    expect(await outcome(created)).toEqual({
      status: 201,
      body: {
        client_id: 155,
        client_secret: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
        name: 'Tree sync',
        project: TREES,
        created_at: '2026-01-15T09:00:00.000Z',
      },
    })
    const again = await admin(t, 'POST', `/epicollect/projects/${TREES}/app`, {})
    expect(await outcome(again)).toEqual({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: `Project "${TREES}" already has an app (client 155); Epicollect5 allows one.`,
        },
      },
    })
  })

  it('issues working tokens to a created app', async () => {
    const t = await standin()
    await admin(t, 'DELETE', `/epicollect/projects/${RIVER}/app`)
    const app = (await (await admin(t, 'POST', `/epicollect/projects/${RIVER}/app`)).json()) as {
      client_id: number
      client_secret: string
    }
    expect(app.client_id).toBe(155)
    const accessToken = await token(t, { clientId: app.client_id, secret: app.client_secret })
    expect((await t.request(ENTRIES, bearer(accessToken))).status).toBe(200)
  })

  it.each([
    ['POST', '/epicollect/projects/ec5-nope/app', 404],
    ['POST', '/epicollect/projects/ec5-pilot-2019/app', 404],
    ['POST', `/epicollect/projects/${TREES}/app/revoke`, 404],
    ['DELETE', `/epicollect/projects/${TREES}/app`, 404],
    ['GET', `/epicollect/projects/${TREES}/app`, 404],
  ])('answers %s %s without an app with %i', async (method, path, status) => {
    const t = await standin()
    expect((await admin(t, method, path)).status).toBe(status)
  })

  it('refuses an app name the Apps page would refuse', async () => {
    const t = await standin()
    const response = await admin(t, 'POST', `/epicollect/projects/${TREES}/app`, { name: 'a!' })
    expect(response.status).toBe(400)
  })

  it('revokes the app tokens but keeps the app', async () => {
    const t = await standin()
    const accessToken = await token(t)
    expect(
      await (await admin(t, 'POST', `/epicollect/projects/${RIVER}/app/revoke`)).json(),
    ).toEqual({
      client_id: 153,
      revoked: 1,
    })
    expect(await outcome(await t.request(ENTRIES, bearer(accessToken)))).toEqual({
      status: 404,
      body: ACCESS_DENIED,
    })
    expect((await t.request(ENTRIES, bearer(await token(t)))).status).toBe(200)
  })

  it('deletes the app, leaving its tokens to fail the link check until a request names the client', async () => {
    const t = await standin()
    const accessToken = await token(t)
    expect(await (await admin(t, 'DELETE', `/epicollect/projects/${RIVER}/app`)).json()).toEqual({
      client_id: 153,
      deleted: true,
    })
    expect(await outcome(await t.request(ENTRIES, bearer(accessToken)))).toEqual({
      status: 404,
      body: UNAUTHORIZED_CLIENT,
    })
    const refused = await t.request(
      '/epicollect/api/oauth/token',
      tokenForm(RIVER_APP.clientId, RIVER_APP.secret),
    )
    expect(await outcome(refused)).toEqual({ status: 400, body: BAD_CLIENT })
    expect(await outcome(await t.request(ENTRIES, bearer(accessToken)))).toEqual({
      status: 404,
      body: ACCESS_DENIED,
    })
  })

  it('lists apps with their secrets, and the state snapshot only with a prefix', async () => {
    const t = await standin()
    const apps = (await (await admin(t, 'GET', '/epicollect/apps')).json()) as { apps: unknown[] }
    expect(apps.apps[0]).toEqual({
      client_id: 153,
      client_secret: RIVER_APP.secret,
      name: 'River sync',
      project: RIVER,
      created_at: '2026-01-15T09:00:00.000Z',
    })
    const state = (await (await admin(t, 'GET', '/state')).json()) as {
      providers: { epicollect: { apps: unknown[]; projects: unknown[] } }
    }
    expect(state.providers.epicollect.apps[0]).toEqual({
      client_id: 153,
      name: 'River sync',
      project: RIVER,
      secretPrefix: 'RiverW',
      created_at: '2026-01-15T09:00:00.000Z',
    })
    expect(state.providers.epicollect.projects).toHaveLength(3)
    expect(JSON.stringify(state)).not.toContain(RIVER_APP.secret)
  })

  it('lists projects with their app', async () => {
    const t = await standin()
    const body = (await (await admin(t, 'GET', '/epicollect/projects')).json()) as {
      projects: unknown[]
    }
    expect(body.projects).toContainEqual({
      slug: RIVER,
      name: 'EC5 River Watch',
      access: 'private',
      status: 'active',
      client_id: 153,
    })
    expect(body.projects).toContainEqual({
      slug: TREES,
      name: 'EC5 Urban Trees',
      access: 'public',
      status: 'active',
      client_id: null,
    })
  })
})
