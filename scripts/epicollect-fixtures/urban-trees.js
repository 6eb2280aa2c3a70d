// "EC5 Urban Trees": a small public project using every remaining question type (search single and
// multiple, barcode, phone, video, a group inside a branch, a non-ASCII question) with photos,
// a video and an audio clip, a project logo, a child form and a custom mapping next to EC5_AUTO.
import {
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
} from './builders.js'

const SPECIES = [
  'London plane',
  'Common lime',
  'Horse chestnut',
  'Silver birch',
  'Rowan',
  'Field maple',
  'English oak',
  'Wild cherry',
  'Hornbeam',
  'Norway maple',
  'Ash',
  'Sweetgum',
]
const SPANISH = {
  'London plane': 'Plátano de sombra',
  'Common lime': 'Tilo común',
  'Horse chestnut': 'Castaño de Indias',
  'Silver birch': 'Abedul plateado',
  Rowan: 'Serbal de cazadores',
  'Field maple': 'Arce campestre',
  'English oak': 'Roble común',
  'Wild cherry': 'Cerezo silvestre',
  Hornbeam: 'Carpe',
  'Norway maple': 'Arce real',
  Ash: 'Fresno',
  Sweetgum: 'Liquidámbar',
}
const STREETS = ['Albert Road', 'Canal Walk', 'Elm Grove', 'Park Lane', 'Station Approach']
const REMARKS = [
  'Crown lifted last winter, looking healthy.',
  'Bark damage at the base, probably a mower.',
  'Fungal brackets on the north side; recheck in spring.',
  'Deadwood over the footpath, flagged for the contractor.',
  'No change since the last inspection.',
]

export function urbanTrees(random, media) {
  const refs = new RefMaker(random, 1717590600)
  const ref = refs.projectRef()
  const tree = refs.child(ref)
  const leaf = refs.child(ref)
  const r = (formRef) => refs.child(formRef)

  const species = choice(refs, r(tree), 'searchsingle', 'Species', SPECIES)
  const condition = choice(refs, r(tree), 'dropdown', 'Condition', ['Good', 'Fair', 'Poor', 'Dead'])
  const issues = choice(refs, r(tree), 'checkbox', 'Issues', [
    'Bark damage',
    'Fungus',
    'Deadwood',
    'Root heave, pavement lifted',
    'Ivy',
  ])
  const siteRef = r(tree)
  const landUse = choice(refs, r(siteRef), 'radio', 'Land use', [
    'Street',
    'Park',
    'School',
    'Garden',
  ])
  const street = input(r(siteRef), 'text', 'Street')
  const wildlife = choice(refs, r(tree), 'searchmultiple', 'Wildlife seen', [
    'Grey squirrel',
    'Robin',
    'Blue tit',
    'Woodpigeon',
    'Stag beetle',
    'Bats at dusk',
  ])
  const branchRef = r(tree)
  const risk = choice(refs, r(branchRef), 'radio', 'Risk level', ['Low', 'Medium', 'High'])
  const measuresRef = r(branchRef)
  const spread = input(r(measuresRef), 'decimal', 'Crown spread (m)')
  const deadwood = input(r(measuresRef), 'integer', 'Dead wood (%)', { min: '0', max: '100' })
  const q = {
    tag: input(r(tree), 'text', 'Tree tag', { is_title: true, is_required: true }),
    girth: input(r(tree), 'integer', 'Trunk girth (cm)', { min: '5', max: '900' }),
    height: input(r(tree), 'decimal', 'Height (m)'),
    where: input(r(tree), 'location', 'Location'),
    photo: input(r(tree), 'photo', 'Tree photo'),
    video: input(r(tree), 'video', 'Canopy video'),
    song: input(r(tree), 'audio', 'Bird song'),
    barcode: input(r(tree), 'barcode', 'Tag barcode'),
    phone: input(r(tree), 'phone', 'Reporter phone'),
    spanish: input(r(tree), 'text', 'Nombre común (español)'),
    inspected: input(r(branchRef), 'date', 'Inspection date', { datetime_format: 'MM/dd/YYYY' }),
    remarks: input(r(branchRef), 'textarea', 'Remarks'),
    inspectionPhoto: input(r(branchRef), 'photo', 'Inspection photo'),
  }
  const site = input(siteRef, 'group', 'Site', { group: [landUse.input, street] })
  const measures = input(measuresRef, 'group', 'Measurements', { group: [spread, deadwood] })
  const inspections = input(branchRef, 'branch', 'Inspections', {
    branch: [q.inspected, risk.input, measures, q.remarks, q.inspectionPhoto],
  })
  const sampled = input(r(leaf), 'date', 'Sample date', { datetime_format: 'YYYY/MM/dd' })
  const leafNote = input(r(leaf), 'text', 'Leaf sample label', { is_title: true })
  const leafPhoto = input(r(leaf), 'photo', 'Leaf photo')

  const definition = project(
    ref,
    {
      name: 'EC5 Urban Trees',
      slug: 'ec5-urban-trees',
      access: 'public',
      category: 'biology',
      createdAt: '2024-06-05 12:30:00',
      description:
        'A neighbourhood tree inventory: every street and park tree gets a tag, a photo and yearly inspections. The data is open to everyone.',
      smallDescription: 'Open inventory of street and park trees',
      logo: true,
    },
    [
      form(tree, 'Tree', [
        q.tag,
        species.input,
        q.spanish,
        q.girth,
        q.height,
        condition.input,
        issues.input,
        q.where,
        site,
        q.photo,
        q.video,
        q.song,
        q.barcode,
        q.phone,
        inspections,
        wildlife.input,
      ]),
      form(leaf, 'Leaf sample', [sampled, leafNote, leafPhoto]),
    ],
  )

  const treeRows = []
  const inspectionRows = []
  const leafRows = []
  let at = Date.UTC(2024, 5, 8, 9, 3, 0)
  for (let i = 1; i <= 36; i++) {
    at += random.int(1, 9) * 86_400_000 + random.int(0, 28_800_000)
    const uuid = random.uuid()
    const tag = `UT-${String(1000 + i)}`
    const name = pick(random, SPECIES)
    const uploaded = at + random.int(60, 7200) * 1000
    const seconds = String(Math.floor(at / 1000))
    const photo = i <= 30 ? `${uuid}_${seconds}.jpg` : ''
    const video = i === 3 ? `${uuid}_${seconds}.mp4` : ''
    const song = i === 5 || i === 9 ? `${uuid}_${String(Number(seconds) + 30)}.mp4` : ''
    if (photo) media.photo(photo)
    if (video) media.video(video)
    if (song) media.audio(song)
    treeRows.push([
      uuid,
      deviceTime(at),
      mysqlTime(uploaded),
      tag,
      tag,
      [species.byText[name]],
      SPANISH[name],
      random.int(30, 420),
      decimal(random, 3, 28, i % 7 === 0 ? 0 : 1),
      condition.byText[pick(random, ['Good', 'Good', 'Fair', 'Poor'])],
      some(random, Object.keys(issues.byText), 0, 2).map((text) => issues.byText[text]),
      location(random, 51.5412, -0.1426, 0.02),
      landUse.byText[pick(random, ['Street', 'Street', 'Park', 'School', 'Garden'])],
      pick(random, STREETS),
      photo,
      video,
      song,
      `5012345${String(678900 + i)}`,
      i % 4 === 0 ? `+44 7700 900${String(100 + i)}` : '',
      '',
      some(random, Object.values(wildlife.byText), 0, 3),
    ])
    const visits = random.int(0, 3)
    for (let v = 1; v <= visits; v++) {
      const inspectedAt = at + v * random.int(60, 150) * 86_400_000
      const inspectionUuid = random.uuid()
      const shot =
        v === 1 && i % 6 === 1
          ? `${inspectionUuid}_${String(Math.floor(inspectedAt / 1000))}.jpg`
          : ''
      if (shot) media.photo(shot)
      inspectionRows.push([
        inspectionUuid,
        uuid,
        deviceTime(inspectedAt),
        mysqlTime(inspectedAt + 3_600_000),
        null,
        dateAnswer(inspectedAt),
        risk.byText[pick(random, ['Low', 'Low', 'Medium', 'High'])],
        decimal(random, 2, 14, 1),
        random.int(0, 30),
        pick(random, REMARKS),
        shot,
      ])
    }
    if (i % 3 === 0) {
      const sampledAt = at + random.int(1, 20) * 60_000
      leafRows.push([
        random.uuid(),
        uuid,
        deviceTime(sampledAt),
        mysqlTime(uploaded),
        `${tag} leaves`,
        dateAnswer(sampledAt),
        `${tag} leaves`,
        '',
      ])
    }
  }
  const own = ['uuid', 'created_at', 'uploaded_at', 'title']
  const treeInputs = [q.tag, species.input, q.spanish, q.girth, q.height, condition.input]
  const more = [issues.input, q.where, landUse.input, street, q.photo, q.video, q.song, q.barcode]
  return {
    slug: 'ec5-urban-trees',
    updatedAt: '2025-08-14 08:02:51',
    structureLastUpdated: '2024-06-20 16:45:12',
    definition,
    customMaps: [councilMap(q, species, condition, inspections)],
    logo: true,
    entries: [
      table(
        { form_ref: tree },
        [
          ...own,
          ...[...treeInputs, ...more, q.phone, inspections, wildlife.input].map((x) => x.ref),
        ],
        treeRows,
      ),
      table(
        { form_ref: leaf, parent_form_ref: tree },
        [
          'uuid',
          'parent_uuid',
          'created_at',
          'uploaded_at',
          'title',
          sampled.ref,
          leafNote.ref,
          leafPhoto.ref,
        ],
        leafRows,
      ),
    ],
    branchEntries: [
      table(
        { form_ref: tree, branch_ref: branchRef },
        [
          'uuid',
          'owner_uuid',
          'created_at',
          'uploaded_at',
          'title',
          ...[q.inspected, risk.input, spread, deadwood, q.remarks, q.inspectionPhoto].map(
            (x) => x.ref,
          ),
        ],
        inspectionRows,
      ),
    ],
  }
}

/** A custom map (index 1, not the default): renamed columns, a hidden phone, renamed answers. */
function councilMap(q, species, condition, inspections) {
  return {
    name: 'Council export',
    is_default: false,
    rename: {
      [q.tag.ref]: 'tree_id',
      [species.input.ref]: 'species',
      [q.girth.ref]: 'girth_cm',
      [condition.input.ref]: 'condition',
      [inspections.ref]: 'inspections',
      [q.inspected.ref]: 'inspected_on',
    },
    hide: [q.phone.ref, q.spanish.ref],
    answers: { [condition.byText.Dead]: 'DEAD - REMOVE' },
  }
}
