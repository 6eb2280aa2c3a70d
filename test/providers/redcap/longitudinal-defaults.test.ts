/**
 * Longitudinal defaults REDCap applies: record rows without `redcap_event_name` go to the first
 * event of the first arm (json, csv, xml; flat and eav), events imported without `day_offset` get
 * their 1-based position, events are ordered by arm, day offset and name, and arms and events are
 * imported and deleted on a classic project (only their exports are refused there).
 */
import { expect, it } from 'vitest'
import { ALICE_CLASSIC, ALICE_LONG, CSV_TYPE, JSON_TYPE, XML_HEAD, XML_TYPE } from './support.js'
import { onBothTransports } from './two-transports.js'

onBothTransports('Rows without an event name', (start) => {
  const data = { token: ALICE_LONG, content: 'record' }

  it('land in the first event of the first arm, in every format and shape', async () => {
    const c = await start()
    expect(
      await c.post({ ...data, format: 'json', data: '[{"study_id":"2001","initials":"JS"}]' }),
    ).toEqual({ status: 200, type: JSON_TYPE, body: '{"count": 1}' })
    expect(await c.post({ ...data, format: 'csv', data: 'study_id,initials\n2002,CS\n' })).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: '1',
    })
    const xml = `${XML_HEAD}<records><item><study_id>2003</study_id><initials>XM</initials></item></records>`
    expect(await c.post({ ...data, format: 'xml', data: xml })).toEqual({
      status: 200,
      type: XML_TYPE,
      body: `${XML_HEAD}<count>1</count>`,
    })
    const eav = '[{"record":"2004","field_name":"initials","value":"EV"}]'
    expect(await c.post({ ...data, format: 'json', type: 'eav', data: eav })).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: '{"count": 1}',
    })
    expect(
      (
        await c.post({
          ...data,
          format: 'csv',
          records: '2001,2002,2003,2004',
          fields: 'study_id,initials',
        })
      ).body,
    ).toBe(
      'study_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,initials\n' +
        '2001,baseline_arm_1,,,JS\n2002,baseline_arm_1,,,CS\n2003,baseline_arm_1,,,XM\n2004,baseline_arm_1,,,EV\n',
    )
  })

  it('still refuse an event name the project does not have', async () => {
    const c = await start()
    const bad = '[{"study_id":"2001","redcap_event_name":"nope_arm_1"}]'
    expect(await c.post({ ...data, format: 'json', data: bad })).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: '{"error":"\\"2001\\",\\"redcap_event_name\\",\\"nope_arm_1\\",\\"The event name is not a valid unique event name for this project.\\""}',
    })
  })
})

onBothTransports('Arms and events on a classic project', (start) => {
  const classic = { token: ALICE_CLASSIC }

  it('are imported and deleted, exported once Import Project Info makes it longitudinal', async () => {
    const c = await start()
    const arms = '[{"arm_num":"1","name":"Drug"},{"arm_num":"2","name":"Placebo"}]'
    expect(
      await c.post({ ...classic, content: 'arm', action: 'import', format: 'json', data: arms }),
    ).toEqual({
      status: 200,
      type: JSON_TYPE,
      body: '2',
    })
    // No day_offset: each event gets its 1-based position in the import.
    const events = 'event_name,arm_num\nScreening,1\n"Week 4",1\nBaseline,2\n"Old visit",2\n'
    expect(
      await c.post({ ...classic, content: 'event', action: 'import', format: 'csv', data: events }),
    ).toEqual({
      status: 200,
      type: CSV_TYPE,
      body: '4',
    })
    const late = '[{"event_name":"Alpha","arm_num":"1","day_offset":"2"}]'
    expect(
      (await c.post({ ...classic, content: 'event', action: 'import', format: 'json', data: late }))
        .body,
    ).toBe('1')
    expect(
      await c.post({
        ...classic,
        content: 'event',
        action: 'delete',
        'events[0]': 'old_visit_arm_2',
      }),
    ).toEqual({ status: 200, type: XML_TYPE, body: '1' })
    expect(await c.post({ ...classic, content: 'arm', format: 'json' })).toEqual({
      status: 400,
      type: JSON_TYPE,
      body: '{"error":"You cannot export arms for classic projects"}',
    })
    const settings = 'is_longitudinal,scheduling_enabled\n1,1\n'
    expect(
      (await c.post({ ...classic, content: 'project_settings', format: 'csv', data: settings }))
        .body,
    ).toBe('2')
    // Ordered by arm, then day offset, then name: Alpha and Week 4 share day 2.
    expect((await c.post({ ...classic, content: 'event', format: 'csv' })).body).toBe(
      'event_name,arm_num,unique_event_name,custom_event_label,event_id,day_offset,offset_min,offset_max\n' +
        '"Event 1",1,event_1_arm_1,,40,0,0,0\n' +
        'Screening,1,screening_arm_1,,46,1,0,0\n' +
        'Alpha,1,alpha_arm_1,,50,2,0,0\n' +
        '"Week 4",1,week_4_arm_1,,47,2,0,0\n' +
        'Baseline,2,baseline_arm_2,,48,3,0,0\n',
    )
    expect((await c.post({ ...classic, content: 'arm', format: 'csv' })).body).toBe(
      'arm_num,name\n1,Drug\n2,Placebo\n',
    )
    expect(
      await c.post({ ...classic, content: 'arm', action: 'delete', 'arms[0]': '2', format: 'csv' }),
    ).toEqual({ status: 200, type: CSV_TYPE, body: '1' })
  })
})
