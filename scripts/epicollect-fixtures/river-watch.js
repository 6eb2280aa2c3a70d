// "EC5 River Watch": a private citizen-science project large enough to paginate in earnest.
// Form 1 (Site Visit, 1,250 entries) has a group, a readme, photo and audio questions and a branch
// (Water samples, about 1,250 branch entries); form 2 (Invertebrate survey) is its child form.
import {
  NO_LOCATION,
  RefMaker,
  choice,
  dateAnswer,
  decimal,
  deviceTime,
  form,
  input,
  location,
  mysqlTime,
  pick,
  project,
  some,
  table,
  timeAnswer,
} from './builders.js'

const SITES = [
  ['Ashford Bridge', 'ASB', 51.1465, 0.8723],
  ['Millbrook Weir', 'MBW', 51.3751, -2.3618],
  ['Kelda Falls', 'KLF', 54.0723, -2.0133],
  ['Otterholt Ford', 'OTF', 52.4862, -1.8904],
  ['Sedge Meadow Outfall', 'SMO', 52.2053, 0.1218],
  ['Hollin Beck', 'HLB', 53.9921, -1.5415],
  ['Tanner Lane Culvert', 'TLC', 51.4545, -2.5879],
  ['Greyfriars Mill', 'GFM', 52.6309, 1.2974],
  ['Bramble Cut', 'BRC', 53.4084, -2.9916],
  ['Larkspur Reach', 'LSR', 51.752, -1.2577],
  ['Coldwater Springs', 'CWS', 54.5973, -5.9301],
  ['Heron Pool', 'HRP', 52.9548, -1.1581],
  ['Stepping Stones', 'STS', 50.7184, -3.5339],
  ['Quarry Brook', 'QYB', 53.3811, -1.4701],
  ['Old Tannery Outflow', 'OTO', 52.0406, -0.7594],
  ['Willow Island', 'WIL', 51.5072, -0.1276],
  ['Pike Hole', 'PKH', 55.8642, -4.2518],
  ['Foxglove Bend', 'FXB', 50.3755, -4.1427],
]
const OBSERVERS = [
  'amara.okafor@example.org',
  'tom.whitfield@example.org',
  'priya.nair@example.org',
  'gareth.lloyd@example.org',
  'sian.morgan@example.org',
  'li.wei@example.org',
  'river.watch.team@example.org',
]
const NOTES = [
  'Heavy rain overnight, bank partly submerged.',
  'Kingfisher seen upstream of the bridge.',
  'Shopping trolley lodged against the weir.',
  'Water noticeably clearer than last visit.',
  'Cattle drinking downstream; banks poached.',
  'Strong smell near the outfall pipe.',
  'Grey wagtails feeding on the gravel bar.',
  'New fencing along the footpath side.',
  'Algae covering most of the stones.',
  'Fallen willow partly blocking the channel.',
]

export function riverWatch(random, media) {
  const refs = new RefMaker(random, 1707728043)
  const ref = refs.projectRef()
  const visit = refs.child(ref)
  const survey = refs.child(ref)
  const r = (formRef) => refs.child(formRef)

  const flow = choice(refs, r(visit), 'radio', 'Water flow', [
    'Dry',
    'Low',
    'Normal',
    'High',
    'Flooding',
  ])
  const pollution = choice(refs, r(visit), 'checkbox', 'Visible pollution', [
    'Litter',
    'Oil sheen',
    'Foam',
    'Algal bloom',
    'Sewage fungus',
    'None',
  ])
  const weatherRef = r(visit)
  const sky = choice(refs, r(weatherRef), 'dropdown', 'Sky', [
    'Clear',
    'Partly cloudy',
    'Overcast',
    'Rain',
    'Snow',
  ])
  const branchRef = r(visit)
  const depth = choice(refs, r(branchRef), 'dropdown', 'Depth', ['Surface', '0.5 m', '1 m'])
  const q = {
    site: input(r(visit), 'text', 'Site name', { is_title: true, is_required: true }),
    code: input(r(visit), 'text', 'Visit code', { is_title: true, regex: '^[A-Z]{3}-\\d{4}$' }),
    date: input(r(visit), 'date', 'Visit date', { datetime_format: 'dd/MM/YYYY' }),
    time: input(r(visit), 'time', 'Arrival time', { datetime_format: 'HH:mm' }),
    where: input(r(visit), 'location', 'Site location'),
    temp: input(r(visit), 'decimal', 'Water temperature (°C)', { min: '-2', max: '35' }),
    turbidity: input(r(visit), 'integer', 'Turbidity (NTU)', { min: '0', max: '1000' }),
    air: input(r(weatherRef), 'decimal', 'Air temperature (°C)'),
    photo: input(r(visit), 'photo', 'Upstream photo'),
    readme: input(r(visit), 'readme', '<p>Take samples at least 2 m from the bank.</p>'),
    sampleId: input(r(branchRef), 'text', 'Sample ID', { is_title: true }),
    sampleTime: input(r(branchRef), 'time', 'Sample time', { datetime_format: 'HH:mm:ss' }),
    ph: input(r(branchRef), 'decimal', 'pH', { min: '0', max: '14' }),
    oxygen: input(r(branchRef), 'integer', 'Dissolved oxygen (%)'),
    samplePhoto: input(r(branchRef), 'photo', 'Sample bottle photo'),
    notes: input(r(visit), 'textarea', 'Observer notes'),
    sound: input(r(visit), 'audio', 'Stream sound'),
  }
  const weather = input(weatherRef, 'group', 'Weather', { group: [sky.input, q.air] })
  const samples = input(branchRef, 'branch', 'Water samples', {
    branch: [q.sampleId, q.sampleTime, depth.input, q.ph, q.oxygen, q.samplePhoto],
  })
  const method = choice(refs, r(survey), 'dropdown', 'Sampling method', [
    'Kick sample',
    'Sweep net',
    'Stone search',
  ])
  const taxa = choice(refs, r(survey), 'checkbox', 'Other taxa', [
    'Snails',
    'Leeches',
    'Water beetles',
    'Flatworms',
    'Blackfly larvae',
  ])
  const counts = ['Mayfly nymphs', 'Caddisfly larvae', 'Stonefly nymphs', 'Freshwater shrimp'].map(
    (name) => input(r(survey), 'integer', name, { min: '0' }),
  )
  const initials = input(r(survey), 'text', 'Recorder initials', { is_title: true })

  const definition = project(
    ref,
    {
      name: 'EC5 River Watch',
      slug: 'ec5-river-watch',
      access: 'private',
      category: 'environment',
      createdAt: '2024-02-12 09:14:03',
      description:
        'Volunteers visit river sites every week or two, record water quality and take water samples for the lab. Entries are private to the project team.',
      smallDescription: 'Weekly river water-quality visits by volunteer teams',
    },
    [
      form(visit, 'Site Visit', [
        q.site,
        q.code,
        q.date,
        q.time,
        q.where,
        flow.input,
        q.temp,
        q.turbidity,
        pollution.input,
        weather,
        q.photo,
        q.readme,
        samples,
        q.notes,
        q.sound,
      ]),
      form(survey, 'Invertebrate survey', [method.input, ...counts, taxa.input, initials]),
    ],
  )

  const visitColumns = [
    'uuid',
    'created_at',
    'uploaded_at',
    'title',
    'created_by',
    ...[q.site, q.code, q.date, q.time, q.where, flow.input, q.temp, q.turbidity].map((i) => i.ref),
    ...[pollution.input, sky.input, q.air, q.photo, samples, q.notes, q.sound].map((i) => i.ref),
  ]
  const visitRows = []
  const sampleRows = []
  const visits = []
  const visitsPerSite = new Map()
  let at = Date.UTC(2024, 2, 1, 8, 12, 0)
  for (let i = 0; i < 1250; i++) {
    at += random.int(4, 14) * 3_600_000 + random.int(0, 3_599_999)
    const [siteName, siteCode, lat, lng] = pick(random, SITES)
    const n = (visitsPerSite.get(siteCode) ?? 0) + 1
    visitsPerSite.set(siteCode, n)
    const code = `${siteCode}-${String(n).padStart(4, '0')}`
    const uuid = random.uuid()
    const uploaded = at + random.int(120, 259_200) * 1000
    const season = Math.sin(((new Date(at).getUTCMonth() - 3) / 12) * 2 * Math.PI)
    const photo = random.next() < 0.35 ? `${uuid}_${String(Math.floor(at / 1000))}.jpg` : ''
    const sound = random.next() < 0.06 ? `${uuid}_${String(Math.floor(at / 1000) + 60)}.mp4` : ''
    if (photo) media.photo(photo)
    if (sound) media.audio(sound)
    const dirty = some(
      random,
      ['Litter', 'Oil sheen', 'Foam', 'Algal bloom', 'Sewage fungus'],
      0,
      2,
    )
    visitRows.push([
      uuid,
      deviceTime(at),
      mysqlTime(uploaded),
      `${siteName} ${code}`,
      random.next() < 0.08 ? null : pick(random, OBSERVERS),
      siteName,
      code,
      dateAnswer(at),
      timeAnswer(at),
      random.next() < 0.05 ? NO_LOCATION : location(random, lat, lng, 0.0016),
      flow.byText[pick(random, ['Low', 'Normal', 'Normal', 'Normal', 'High', 'Flooding', 'Dry'])],
      decimal(random, 9 + season * 6, 11 + season * 7, 1),
      random.int(1, 40) * (random.next() < 0.1 ? 8 : 1),
      (dirty.length ? dirty : ['None']).map((text) => pollution.byText[text]),
      sky.byText[pick(random, ['Clear', 'Partly cloudy', 'Overcast', 'Overcast', 'Rain'])],
      decimal(random, 6 + season * 8, 10 + season * 9, 1),
      photo,
      '',
      random.next() < 0.4 ? pick(random, NOTES) : '',
      sound,
    ])
    visits.push({ uuid, at, uploaded, code })
    const sampleCount = random.int(0, 2)
    for (let s = 1; s <= sampleCount; s++) {
      const sampledAt = at + s * random.int(4, 15) * 60_000
      const sampleUuid = random.uuid()
      const bottle =
        random.next() < 0.1 ? `${sampleUuid}_${String(Math.floor(sampledAt / 1000))}.jpg` : ''
      if (bottle) media.photo(bottle)
      sampleRows.push([
        sampleUuid,
        uuid,
        deviceTime(sampledAt),
        mysqlTime(uploaded),
        `WS-${code}-${String(s)}`,
        visitRows.at(-1)[4],
        `WS-${code}-${String(s)}`,
        `${deviceTime(sampledAt).slice(0, 19)}.000`,
        depth.byText[pick(random, ['Surface', 'Surface', '0.5 m', '1 m'])],
        decimal(random, 6.4, 8.6, 2),
        random.int(55, 115),
        bottle,
      ])
    }
  }
  const surveyRows = []
  for (const parent of some(random, visits, 260, 260)) {
    const at2 = parent.at + random.int(10, 50) * 60_000
    const recorder = pick(random, ['AO', 'TW', 'PN', 'GL', 'SM', 'LW'])
    surveyRows.push([
      random.uuid(),
      parent.uuid,
      deviceTime(at2),
      mysqlTime(parent.uploaded),
      recorder,
      pick(random, OBSERVERS),
      method.byText[pick(random, ['Kick sample', 'Kick sample', 'Sweep net', 'Stone search'])],
      random.int(0, 60),
      random.int(0, 35),
      random.int(0, 12),
      random.int(0, 140),
      some(random, Object.values(taxa.byText), 0, 3),
      recorder,
    ])
  }
  const sampleColumns = ['uuid', 'owner_uuid', 'created_at', 'uploaded_at', 'title', 'created_by']
  const surveyColumns = ['uuid', 'parent_uuid', 'created_at', 'uploaded_at', 'title', 'created_by']
  return {
    slug: 'ec5-river-watch',
    updatedAt: '2025-09-30 17:41:26',
    structureLastUpdated: '2024-06-03 11:20:54',
    definition,
    customMaps: [],
    entries: [
      table({ form_ref: visit }, visitColumns, visitRows),
      table(
        { form_ref: survey, parent_form_ref: visit },
        [
          ...surveyColumns,
          method.input.ref,
          ...counts.map((c) => c.ref),
          taxa.input.ref,
          initials.ref,
        ],
        surveyRows,
      ),
    ],
    branchEntries: [
      table(
        { form_ref: visit, branch_ref: branchRef },
        [...sampleColumns, ...samples.branch.map((i) => i.ref)],
        sampleRows,
      ),
    ],
  }
}
