import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ACCESS_DENIED,
  bearer,
  BIRDS,
  outcome,
  problem,
  RIVER,
  standin,
  token,
  TREES,
} from './support.js'

const DIR = 'fixtures/epicollect'
const media = (slug: string, query: string) => `/epicollect/api/export/media/${slug}?${query}`
const [RIVER_PHOTO] = readdirSync(`${DIR}/projects/${RIVER}/media/photo`)
const [RIVER_AUDIO] = readdirSync(`${DIR}/projects/${RIVER}/media/audio`)
const [TREES_VIDEO] = readdirSync(`${DIR}/projects/${TREES}/media/video`)
const file = (path: string) => new Uint8Array(readFileSync(`${DIR}/${path}`))
const UNSYNCED = file('placeholders/ec5-photo-unsynced-placeholder-512x512.jpg')
const GENERIC = file('placeholders/ec5-placeholder-256x256.jpg')
const NO_FILE = problem('ec5_69', 'No File Uploaded.', 'media-service')

async function bytes(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer())
}

describe('GET /api/export/media', () => {
  it.each([
    [
      'an entry photo',
      `type=photo&format=entry_original&name=${String(RIVER_PHOTO)}`,
      `projects/${RIVER}/media/photo/${String(RIVER_PHOTO)}`,
      'public, max-age=86400',
    ],
    [
      'a versioned entry photo',
      `type=photo&format=entry_original&name=${String(RIVER_PHOTO)}&v=1`,
      `projects/${RIVER}/media/photo/${String(RIVER_PHOTO)}`,
      'public, max-age=31536000, immutable',
    ],
    [
      'an entry thumbnail',
      `type=photo&format=entry_thumb&name=${String(RIVER_PHOTO)}`,
      `projects/${RIVER}/media/photo-thumb/${String(RIVER_PHOTO)}`,
      'public, max-age=86400',
    ],
    [
      'the unsynced placeholder for a missing photo',
      'type=photo&format=entry_original&name=gone.jpg',
      'placeholders/ec5-photo-unsynced-placeholder-512x512.jpg',
      'public, max-age=31536000, immutable',
    ],
    [
      'the generic placeholder for a missing logo',
      'type=photo&format=entry_original&name=logo.jpg',
      'placeholders/ec5-placeholder-256x256.jpg',
      'public, max-age=31536000, immutable',
    ],
    [
      'the unsynced placeholder for a missing thumbnail',
      'type=photo&format=entry_thumb&name=gone.jpg',
      'placeholders/ec5-photo-unsynced-placeholder-512x512.jpg',
      'public, max-age=31536000, immutable',
    ],
  ])('answers %s as a JPEG', async (_, query, path, cacheControl) => {
    const t = await standin()
    const response = await t.request(media(RIVER, query), bearer(await token(t)))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect(response.headers.get('cache-control')).toBe(cacheControl)
    expect(await bytes(response)).toEqual(file(path))
  })

  it('serves the project logo in both sizes', async () => {
    const t = await standin()
    const big = await t.request(media(TREES, 'type=photo&format=project_thumb&name=logo.jpg'))
    const small = await t.request(
      media(TREES, 'type=photo&format=project_mobile_logo&name=logo.jpg'),
    )
    expect(await bytes(big)).toEqual(file(`projects/${TREES}/media/project/logo.jpg`))
    expect(await bytes(small)).toEqual(file(`projects/${TREES}/media/project-mobile/logo.jpg`))
    const none = await t.request(
      media(RIVER, 'type=photo&format=project_mobile_logo&name=logo.jpg'),
      bearer(await token(t)),
    )
    expect(await bytes(none)).toEqual(GENERIC)
  })

  it('streams audio with byte ranges', async () => {
    const t = await standin()
    const accessToken = await token(t)
    const whole = file(`projects/${RIVER}/media/audio/${String(RIVER_AUDIO)}`)
    const full = await t.request(
      media(RIVER, `type=audio&format=audio&name=${String(RIVER_AUDIO)}`),
      bearer(accessToken),
    )
    expect(full.status).toBe(200)
    expect(
      Object.fromEntries(
        ['content-type', 'content-length', 'accept-ranges'].map((h) => [h, full.headers.get(h)]),
      ),
    ).toEqual({
      'content-type': 'audio/mp4',
      'content-length': String(whole.byteLength),
      'accept-ranges': 'bytes',
    })
    expect(await bytes(full)).toEqual(whole)
    const part = await t.request(
      media(RIVER, `type=audio&format=audio&name=${String(RIVER_AUDIO)}`),
      {
        headers: { authorization: `Bearer ${accessToken}`, range: 'bytes=100-199' },
      },
    )
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${String(whole.byteLength)}`)
    expect(part.headers.get('content-length')).toBe('100')
    expect(await bytes(part)).toEqual(whole.subarray(100, 200))
  })

  it('serves video as video/mp4', async () => {
    const t = await standin()
    const response = await t.request(
      media(TREES, `type=video&format=video&name=${String(TREES_VIDEO)}`),
    )
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(await bytes(response)).toEqual(
      file(`projects/${TREES}/media/video/${String(TREES_VIDEO)}`),
    )
  })

  it.each([
    ['audio', 'type=audio&format=audio&name=gone.mp4'],
    ['video', 'type=video&format=video&name=gone.mp4'],
  ])('answers missing %s with 404 ec5_69', async (_, query) => {
    const t = await standin()
    expect(await outcome(await t.request(media(TREES, query)))).toEqual({
      status: 404,
      body: NO_FILE,
    })
  })

  it.each([
    [
      '',
      [
        ['ec5_21', 'type'],
        ['ec5_21', 'name'],
        ['ec5_21', 'format'],
      ],
    ],
    ['type=image&format=entry_original&name=x.jpg', [['ec5_29', 'type']]],
    ['type=photo&format=original&name=x.jpg', [['ec5_29', 'format']]],
    ['type=photo&format=entry_original&name=', [['ec5_21', 'name']]],
  ])('answers the query "%s" with one error per bad parameter', async (query, expected) => {
    const titles: Record<string, string> = {
      ec5_21: 'Required field is missing.',
      ec5_29: 'Value invalid.',
    }
    const t = await standin()
    expect(await outcome(await t.request(media(TREES, query)))).toEqual({
      status: 400,
      body: {
        errors: expected.map(([code = '', source]) => ({ code, title: titles[code], source })),
      },
    })
  })

  it('answers the temp format with 400 ec5_103', async () => {
    const t = await standin()
    expect(
      await outcome(await t.request(media(TREES, 'type=photo&format=temp&name=x.jpg'))),
    ).toEqual({
      status: 400,
      body: problem('ec5_103', 'Unknown error.', 'media-service'),
    })
  })

  it('needs a token for a private project', async () => {
    const t = await standin()
    const response = await t.request(
      media(RIVER, `type=photo&format=entry_original&name=${String(RIVER_PHOTO)}`),
    )
    expect(await outcome(response)).toEqual({ status: 404, body: ACCESS_DENIED })
  })
})

describe('GET /api/media (the URLs in public exports)', () => {
  it('serves the photo a public entry links to', async () => {
    const t = await standin()
    const listing = await t.request(
      `/epicollect/api/export/entries/${TREES}?sort_by=title&sort_order=asc&per_page=1`,
    )
    const [entry] = ((await listing.json()) as { data: { entries: Record<string, string>[] } }).data
      .entries
    const url = entry?.['12_Tree_photo'] ?? ''
    expect(url).toMatch(
      /^http:\/\/localhost\/epicollect\/api\/media\/ec5-urban-trees\?type=photo&format=entry_original&name=.+\.jpg&v=\d+$/,
    )
    const response = await t.request(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await bytes(response)).toEqual(
      file(`projects/${TREES}/media/photo/${new URL(url).searchParams.get('name') ?? ''}`),
    )
  })

  it('refuses a private project with 404 ec5_77, even with a token', async () => {
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/media/${BIRDS}?type=photo&format=entry_original&name=x.jpg`,
      bearer(await token(t)),
    )
    expect(await outcome(response)).toEqual({
      status: 404,
      body: problem('ec5_77', 'This project is private. Please log in.', 'middleware'),
    })
  })

  it('answers a missing public photo with the placeholder', async () => {
    const t = await standin()
    const response = await t.request(
      `/epicollect/api/media/${TREES}?type=photo&format=entry_original&name=gone.jpg`,
    )
    expect(await bytes(response)).toEqual(UNSYNCED)
  })
})
