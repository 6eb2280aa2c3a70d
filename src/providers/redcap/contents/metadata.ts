/**
 * `content=metadata`: the data dictionary's 18 columns (export; `fields`/`forms` narrow it), and
 * its import, which replaces the dictionary in Development (api_124 and Production refusals) and
 * answers the number of fields imported.
 */
import { badRequest, rejectUnknown } from '../wire/messages.js'
import { fieldFromWire, fieldToWire, METADATA_WIRE_NAMES } from '../wire/metadata-columns.js'
import { formsOfFields } from '../state/project-shape.js'
import { REQUIRE } from '../state/rights.js'
import { readDataRows } from '../wire/data.js'
import { bareReply, tableReply } from '../wire/reply.js'
import { tableFormat, type ContentDef, type ProjectCall } from './types.js'

function exportMetadata(call: ProjectCall) {
  const { project, params } = call
  const fields = params.list('fields')
  const forms = params.list('forms')
  rejectUnknown('fields', fields, (f) => project.fields.some((x) => x.name === f))
  rejectUnknown('forms', forms, (f) => project.forms.some((x) => x.name === f))
  const all = fields.length === 0 && forms.length === 0
  const rows = project.fields
    .filter((f) => all || fields.includes(f.name) || forms.includes(f.form))
    .map(fieldToWire)
  return tableReply(tableFormat(call), rows, { columns: METADATA_WIRE_NAMES })
}

function importMetadata(call: ProjectCall) {
  const { project } = call
  const fields = readDataRows(call.format, call.data ?? '').map(fieldFromWire)
  const broken = fields.filter((f) => f.name === '' || f.form === '' || f.type === '')
  if (fields.length === 0 || broken.length > 0)
    throw badRequest(
      'The data dictionary could not be imported: every row needs field_name, form_name and field_type.',
    )
  project.forms = formsOfFields(project, fields)
  project.fields = fields
  const formNames = new Set(project.forms.map((f) => f.name))
  for (const [eventId, forms] of project.mapping)
    project.mapping.set(
      eventId,
      forms.filter((f) => formNames.has(f)),
    )
  project.repeating = project.repeating.filter((r) => r.form === '' || formNames.has(r.form))
  return bareReply(call.returnFormat, fields.length)
}

const metadata: ContentDef = {
  content: 'metadata',
  action: { from: 'data' },
  actions: {
    export: { run: exportMetadata },
    import: { requires: [REQUIRE.designForImport, REQUIRE.development], run: importMetadata },
  },
}
export default metadata
