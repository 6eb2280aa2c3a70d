/**
 * The survey contents: surveyLink, surveyQueueLink, surveyAccessCode, surveyReturnCode (plain
 * text, stable once made) and participantList (json, csv, xml), with links under the base URL
 * the client used, and their refusals.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE_CLASSIC,
  ALICE_LONG,
  call,
  CSV_TYPE,
  errorXml,
  json,
  JSON_TYPE,
  startClassicWith,
  startDefault,
  TOKEN_A,
  XML_HEAD,
  XML_TYPE,
  type Params,
} from './support.js'

const ONE = { token: ALICE_CLASSIC, record: '1', instrument: 'demographics' }
const LINK = /^http:\/\/localhost\/redcap\/surveys\/\?s=[A-Z0-9]{16}$/

describe('survey links and codes', () => {
  it.each<[string, RegExp]>([
    ['surveyLink', LINK],
    ['surveyQueueLink', /^http:\/\/localhost\/redcap\/surveys\/\?sq=[A-Z0-9]{16}$/],
    ['surveyAccessCode', /^[A-Z0-9]{9}$/],
    ['surveyReturnCode', /^[A-Z0-9]{8}$/],
  ])('answers %s as plain text that stays the same', async (content, shape) => {
    const t = await startDefault()
    const first = await call(t, { ...ONE, content, returnFormat: 'csv' })
    expect(first.status).toBe(200)
    expect(first.type).toBe(CSV_TYPE)
    expect(first.body).toMatch(shape)
    expect((await call(t, { ...ONE, content, returnFormat: 'csv' })).body).toBe(first.body)
  })

  it('gives each record its own link, access code and queue link', async () => {
    const t = await startDefault()
    const codes = async (record: string) =>
      Promise.all(
        ['surveyLink', 'surveyAccessCode', 'surveyQueueLink'].map(
          async (content) => (await call(t, { ...ONE, record, content })).body,
        ),
      )
    const [a, b] = [await codes('1'), await codes('2')]
    expect(a.every((code, i) => code !== b[i])).toBe(true)
  })

  it('links a longitudinal survey per event and repeat instance', async () => {
    const t = await startDefault()
    const params = {
      token: ALICE_LONG,
      content: 'surveyLink',
      record: '1002',
      instrument: 'questionnaire',
      event: 'follow_up_arm_2',
    }
    const one = (await call(t, { ...params, repeat_instance: '1' })).body
    const two = (await call(t, { ...params, repeat_instance: '2' })).body
    expect([one, two].every((l) => /\?s=[A-Z0-9]{16}$/.test(l))).toBe(true)
    expect(one).not.toBe(two)
  })

  it.each<[string, Params, number, string]>([
    [
      'a record that does not exist',
      { content: 'surveyLink', record: '-1' },
      400,
      'The record "-1" does not exist',
    ],
    [
      'an instrument that is not a survey',
      { content: 'surveyAccessCode', instrument: 'health' },
      400,
      "The instrument 'health' is not enabled as a survey.",
    ],
    [
      'a queue link for a missing record',
      { content: 'surveyQueueLink', record: '42' },
      400,
      'The record "42" does not exist',
    ],
  ])('refuses %s', async (_name, params, status, message) => {
    const t = await startDefault()
    expect(await call(t, { ...ONE, ...params })).toEqual({
      status,
      type: XML_TYPE,
      body: errorXml(message),
    })
  })

  it('refuses a longitudinal survey on an event that does not hold it', async () => {
    const t = await startDefault()
    const params = { token: ALICE_LONG, content: 'surveyReturnCode', record: '1001' }
    expect(
      await call(t, {
        ...params,
        instrument: 'questionnaire',
        event: 'visit_2_arm_1',
        format: 'json',
      }),
    ).toEqual({ status: 400, type: JSON_TYPE, body: '{"error":"invalid event"}' })
  })

  it('answers 403 without Survey Distribution Tools rights', async () => {
    const t = await startClassicWith({ manageSurveyParticipants: false })
    expect(await call(t, { ...ONE, token: TOKEN_A, content: 'surveyLink', format: 'csv' })).toEqual(
      {
        status: 403,
        type: CSV_TYPE,
        body: 'ERROR: The API request cannot complete because currently you do not have "Survey Distribution Tools" rights, which are required for this operation.',
      },
    )
  })
})

describe('participantList', () => {
  const LIST = { token: ALICE_CLASSIC, content: 'participantList', instrument: 'demographics' }

  it('lists e-mail participants and every record of the arm with their codes in json, csv and xml', async () => {
    const t = await startDefault()
    const rows = (await json(t, LIST)) as Record<string, string | number>[]
    const link = (await call(t, { ...ONE, content: 'surveyLink' })).body
    const code = (await call(t, { ...ONE, content: 'surveyAccessCode' })).body
    const queue = (await call(t, { ...ONE, content: 'surveyQueueLink' })).body
    // REDCap first makes a participant for each record, so records 2-4 are listed with no e-mail.
    const unanswered = (record: string) => ({
      email: '',
      email_occurrence: 0,
      identifier: '',
      record,
      invitation_sent_status: 0,
      invitation_send_time: '',
      response_status: 0,
      survey_access_code: expect.stringMatching(/^[A-Z0-9]{9}$/),
      survey_link: expect.stringMatching(LINK),
      survey_queue_link: expect.stringMatching(/\/surveys\/\?sq=[A-Z0-9]{16}$/),
    })
    expect(rows).toEqual([
      {
        email: 'invitee@example.org',
        email_occurrence: 1,
        identifier: 'INV-7',
        record: '',
        invitation_sent_status: 0,
        invitation_send_time: '',
        response_status: 0,
        survey_access_code: expect.stringMatching(/^[A-Z0-9]{9}$/),
        survey_link: expect.stringMatching(LINK),
        survey_queue_link: '',
      },
      {
        email: '',
        email_occurrence: 0,
        identifier: 'ana.lima@example.org',
        record: '1',
        invitation_sent_status: 0,
        invitation_send_time: '',
        response_status: 2,
        survey_access_code: code,
        survey_link: link,
        survey_queue_link: queue,
      },
      unanswered('2'),
      unanswered('3'),
      unanswered('4'),
    ])
    const line = (r: Record<string, string | number>) =>
      `${String(r.email)},${String(r.email_occurrence)},${String(r.identifier)},${String(r.record)},0,,${String(r.response_status)},${String(r.survey_access_code)},${String(r.survey_link)},${String(r.survey_queue_link)}\n`
    expect(await call(t, { ...LIST, format: 'csv' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: `email,email_occurrence,identifier,record,invitation_sent_status,invitation_send_time,response_status,survey_access_code,survey_link,survey_queue_link\n${rows.map(line).join('')}`,
    })
    const [, ana] = rows as [Record<string, string>, Record<string, string>]
    const xml = (await call(t, LIST)).body
    expect(
      xml.startsWith(
        `${XML_HEAD}\n<records>\n<item><email><![CDATA[invitee@example.org]]></email>`,
      ),
    ).toBe(true)
    expect(xml).toContain(`<survey_link><![CDATA[${ana.survey_link}]]></survey_link>`)
  })

  it('lists every record of the arm, linked, answered or neither', async () => {
    const t = await startDefault()
    await call(t, { ...ONE, record: '3', content: 'surveyLink' })
    const rows = (await json(t, LIST)) as { record: string; response_status: number }[]
    expect(rows.map((r) => [r.record, r.response_status])).toEqual([
      ['', 0],
      ['3', 0],
      ['1', 2],
      ['2', 0],
      ['4', 0],
    ])
  })

  it('lists a longitudinal survey for the asked event, with the records of its arm', async () => {
    const t = await startDefault()
    const base = { token: ALICE_LONG, content: 'participantList', instrument: 'questionnaire' }
    const baseline = (await json(t, { ...base, event: 'baseline_arm_1' })) as { record: string }[]
    expect(baseline.map((r) => r.record)).toEqual(['', '1001', '1003'])
    const visit = (await json(t, { ...base, event: 'visit_1_arm_1' })) as { record: string }[]
    expect(visit.map((r) => r.record)).toEqual(['1001', '1003'])
    const followUp = { ...base, event: 'follow_up_arm_2' }
    const arm2 = (await json(t, followUp)) as { record: string; email: string }[]
    expect(arm2.map((r) => [r.record, r.email])).toEqual([['1002', '']])
  })
})
