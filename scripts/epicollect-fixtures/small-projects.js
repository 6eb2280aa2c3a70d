// The small projects: a second private project (so a token of one project's app can be tried on
// another), and a trashed and an archived project, which the API answers as if they did not exist.
import {
  RefMaker,
  choice,
  dateAnswer,
  deviceTime,
  form,
  input,
  location,
  mysqlTime,
  pick,
  project,
  table,
  timeAnswer,
} from './builders.js'

const SCHOOLS = [
  ['St Aidan’s Primary', 53.8008, -1.5491],
  ['Riverside Academy', 53.7996, -1.5802],
  ['Hillcrest Juniors', 53.8321, -1.5102],
  ['Oakfield School', 53.7744, -1.5327],
]
const BIRDS = ['Blackbird', 'House sparrow', 'Blue tit', 'Starling', 'Woodpigeon', 'Robin']

export function schoolBirdCount(random) {
  const refs = new RefMaker(random, 1705312800)
  const ref = refs.projectRef()
  const count = refs.child(ref)
  const r = () => refs.child(count)
  const school = choice(
    refs,
    r(),
    'dropdown',
    'School',
    SCHOOLS.map(([name]) => name),
  )
  const weather = choice(refs, r(), 'radio', 'Weather', ['Sunny', 'Cloudy', 'Windy', 'Drizzle'])
  const klass = input(r(), 'text', 'Class', { is_title: true })
  const date = input(r(), 'date', 'Count date', { datetime_format: 'dd/MM/YYYY' })
  const start = input(r(), 'time', 'Start time', { datetime_format: 'hh:mm' })
  const where = input(r(), 'location', 'Playground location')
  const birds = BIRDS.map((name) => input(r(), 'integer', `${name}s counted`, { min: '0' }))
  const definition = project(
    ref,
    {
      name: 'EC5 School Bird Count',
      slug: 'ec5-school-bird-count',
      access: 'private',
      category: 'education',
      createdAt: '2024-01-15 10:00:00',
      visibility: 'hidden',
      description: 'Classes count the birds in their playground for fifteen minutes each week.',
      smallDescription: 'Weekly playground bird counts by school classes',
    },
    [form(count, 'Count', [school.input, klass, date, start, weather.input, where, ...birds])],
  )
  const rows = []
  let at = Date.UTC(2024, 0, 22, 10, 15, 0)
  for (let i = 0; i < 28; i++) {
    at += random.int(2, 6) * 86_400_000 + random.int(-1_800_000, 1_800_000)
    const [name, lat, lng] = pick(random, SCHOOLS)
    const className = `${pick(random, ['Year 3', 'Year 4', 'Year 5', 'Year 6'])} ${pick(random, ['Kestrels', 'Owls', 'Wrens'])}`
    rows.push([
      random.uuid(),
      deviceTime(at),
      mysqlTime(at + random.int(300, 5400) * 1000),
      className,
      i % 9 === 4
        ? null
        : `${name.split(' ')[0].toLowerCase().replace(/’/g, '')}.teacher@example.org`,
      school.byText[name],
      className,
      dateAnswer(at),
      timeAnswer(at),
      weather.byText[pick(random, ['Sunny', 'Cloudy', 'Cloudy', 'Windy', 'Drizzle'])],
      location(random, lat, lng, 0.001),
      ...birds.map(() => random.int(0, 14)),
    ])
  }
  const columns = ['uuid', 'created_at', 'uploaded_at', 'title', 'created_by']
  return {
    slug: 'ec5-school-bird-count',
    updatedAt: '2024-06-28 15:12:40',
    structureLastUpdated: '2024-01-15 10:00:00',
    definition,
    customMaps: [],
    entries: [
      table(
        { form_ref: count },
        [
          ...columns,
          ...[school.input, klass, date, start, weather.input, where, ...birds].map((i) => i.ref),
        ],
        rows,
      ),
    ],
    branchEntries: [],
  }
}

/** A project with one form and no entries, in a status other than active. */
export function closedProject(random, { name, slug, access, status, createdAt, updatedAt }) {
  const refs = new RefMaker(random, 1546300800)
  const ref = refs.projectRef()
  const only = refs.child(ref)
  const definition = project(
    ref,
    {
      name,
      slug,
      access,
      status,
      category: 'general',
      createdAt,
      visibility: 'hidden',
      description: `${name}: kept for reference.`,
      smallDescription: `${name}: kept for reference`,
    },
    [
      form(only, 'Observation', [
        input(refs.child(only), 'text', 'What did you see?', { is_title: true }),
      ]),
    ],
  )
  return {
    slug,
    updatedAt,
    structureLastUpdated: createdAt,
    definition,
    customMaps: [],
    entries: null,
    branchEntries: null,
  }
}
