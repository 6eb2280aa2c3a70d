/**
 * Reading REDCap project XML (CDISC ODM 1.3.1 with `redcap:` extensions, as Project XML export
 * writes it): settings from `GlobalVariables`, the data dictionary from `FormDef` / `ItemGroupDef`
 * / `ItemDef` / `CodeList`, arms and events from `StudyEventDef`, repeating setup, DAGs, surveys,
 * and `ClinicalData` as flat import rows (files from `ItemDataBase64Binary`).
 * @see https://www.cdisc.org/standards/data-exchange/odm (ODM 1.3.1)
 */
import { badRequest } from '../messages.js'
import type { Field } from '../../state/model.js'
import { xmlProblem } from '../xml.js'
import { lazyXmlParser } from '../xml-libs.js'
import { readClinicalData, type OdmFile } from './clinical-data.js'
import { attr, list, text, type Node } from './nodes.js'

export const ODM_INVALID =
  'The XML file could not be processed because it appears not to be valid XML or is missing certain basic components.'

export interface OdmEvent {
  name: string
  armNum: number
  armName: string
  uniqueName: string
  customLabel: string
  dayOffset: number
  offsetMin: number
  offsetMax: number
  forms: string[]
}

export interface OdmProject {
  title: string
  purpose: string
  purposeOther: string
  notes: string
  autoNumbering: boolean
  surveysEnabled: boolean
  schedulingEnabled: boolean
  fields: Field[]
  forms: { name: string; label: string }[]
  events: OdmEvent[]
  repeating: { event: string; form: string; customLabel: string }[]
  dags: { name: string; uniqueName: string }[]
  surveys: { form: string; title: string }[]
  rows: Record<string, string>[]
  files: OdmFile[]
}

const ARRAYS = new Set([
  'StudyEventDef',
  'FormRef',
  'FormDef',
  'ItemGroupRef',
  'ItemGroupDef',
  'ItemRef',
  'ItemDef',
  'CodeList',
  'CodeListItem',
  'SubjectData',
  'StudyEventData',
  'FormData',
  'ItemGroupData',
  'ItemData',
  'ItemDataBase64Binary',
  'redcap:RepeatingInstrument',
  'redcap:RepeatingEvent',
  'redcap:DataAccessGroups',
  'redcap:Surveys',
  'RangeCheck',
  'StudyEventRef',
])

const parser = lazyXmlParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
})

const FIELD_TYPES: Readonly<Record<string, string>> = { select: 'dropdown' }

export function readOdm(xml: string): OdmProject {
  if (xmlProblem(xml) !== null) throw badRequest(ODM_INVALID, 'odm is not well-formed XML')
  const doc = parser().parse(xml) as Node
  const study = (doc.ODM as Node | undefined)?.Study as Node | undefined
  const meta = study?.MetaDataVersion as Node | undefined
  if (!study || !meta || list(meta, 'FormDef').length === 0)
    throw badRequest(ODM_INVALID, 'odm has no Study/MetaDataVersion/FormDef')
  const globals = (study.GlobalVariables ?? {}) as Node
  const g = (name: string) => text(globals[`redcap:${name}`])
  const { fields, forms } = readDictionary(meta)
  const events = list(meta, 'StudyEventDef').map((e) => ({
    name: attr(e, 'redcap:EventName') || attr(e, 'Name'),
    armNum: Number(attr(e, 'redcap:ArmNum') || '1'),
    armName: attr(e, 'redcap:ArmName') || 'Arm 1',
    uniqueName: attr(e, 'redcap:UniqueEventName'),
    customLabel: attr(e, 'redcap:CustomEventLabel'),
    dayOffset: Number(attr(e, 'redcap:DayOffset') || '0'),
    offsetMin: Number(attr(e, 'redcap:OffsetMin') || '0'),
    offsetMax: Number(attr(e, 'redcap:OffsetMax') || '0'),
    forms: list(e, 'FormRef').map((f) => attr(f, 'redcap:FormName')),
  }))
  const repeatingNode = (globals['redcap:RepeatingInstrumentsAndEvents'] ?? {}) as Node
  const instruments = [
    ...list(repeatingNode, 'redcap:RepeatingInstrument'),
    ...list(
      (repeatingNode['redcap:RepeatingInstruments'] ?? {}) as Node,
      'redcap:RepeatingInstrument',
    ),
  ]
  const repeating = [
    ...instruments.map((r) => ({
      event: attr(r, 'redcap:UniqueEventName'),
      form: attr(r, 'redcap:RepeatInstrument'),
      customLabel: attr(r, 'redcap:CustomLabel'),
    })),
    ...list(repeatingNode, 'redcap:RepeatingEvent').map((r) => ({
      event: attr(r, 'redcap:UniqueEventName'),
      form: '',
      customLabel: '',
    })),
  ]
  const dags = list(
    (globals['redcap:DataAccessGroupsGroup'] ?? {}) as Node,
    'redcap:DataAccessGroups',
  )
    .map((d) => attr(d, 'group_name'))
    .map((name) => ({
      name,
      uniqueName: name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .slice(0, 18),
    }))
  const surveys = list((globals['redcap:SurveysGroup'] ?? {}) as Node, 'redcap:Surveys').map(
    (s) => ({ form: attr(s, 'form_name'), title: attr(s, 'title') }),
  )
  const clinical = readClinicalData(doc, fields, events.length > 0, repeating)
  return {
    title: text(globals.StudyName),
    purpose: g('Purpose'),
    purposeOther: g('PurposeOther'),
    notes: g('ProjectNotes'),
    autoNumbering: g('RecordAutonumberingEnabled') === '1',
    surveysEnabled: g('SurveysEnabled') === '1',
    schedulingEnabled: g('SchedulingEnabled') === '1',
    fields,
    forms,
    events,
    repeating,
    dags,
    surveys,
    rows: clinical.rows,
    files: clinical.files,
  }
}

function readDictionary(meta: Node): { fields: Field[]; forms: { name: string; label: string }[] } {
  const items = new Map(list(meta, 'ItemDef').map((i) => [attr(i, 'OID'), i]))
  const groups = new Map(list(meta, 'ItemGroupDef').map((g) => [attr(g, 'OID'), g]))
  const codeLists = new Map(list(meta, 'CodeList').map((c) => [attr(c, 'OID'), c]))
  const fields: Field[] = []
  const forms = list(meta, 'FormDef').map((f) => ({
    name: attr(f, 'redcap:FormName'),
    label: attr(f, 'Name'),
  }))
  for (const formDef of list(meta, 'FormDef')) {
    const form = attr(formDef, 'redcap:FormName')
    for (const ref of list(formDef, 'ItemGroupRef')) {
      const group = groups.get(attr(ref, 'ItemGroupOID'))
      for (const itemRef of group ? list(group, 'ItemRef') : []) {
        const item = items.get(attr(itemRef, 'ItemOID'))
        const name = attr(itemRef, 'redcap:Variable')
        const type = item ? attr(item, 'redcap:FieldType') : ''
        if (!item || type === '' || name === `${form}_complete`) continue
        if (fields.some((f) => f.name === name)) continue
        fields.push(fieldOf(item, name, form, type, codeLists))
      }
    }
  }
  return { fields, forms }
}

function fieldOf(
  item: Node,
  name: string,
  form: string,
  odmType: string,
  codeLists: Map<string, Node>,
): Field {
  const type = FIELD_TYPES[odmType] ?? odmType
  const codeList = codeLists.get(attr((item.CodeListRef ?? {}) as Node, 'CodeListOID'))
  let choices = attr(item, 'redcap:Calculation')
  if (type === 'checkbox') choices = codeList ? attr(codeList, 'redcap:CheckboxChoices') : ''
  else if (type === 'radio' || type === 'dropdown')
    choices = (codeList ? list(codeList, 'CodeListItem') : [])
      .map(
        (c) => `${attr(c, 'CodedValue')}, ${text((c.Decode as Node | undefined)?.TranslatedText)}`,
      )
      .join(' | ')
  else if (type === 'slider') choices = attr(item, 'redcap:SliderLabels')
  const range = (comparator: string) =>
    text(list(item, 'RangeCheck').find((r) => attr(r, 'Comparator') === comparator)?.CheckValue)
  return {
    name,
    form,
    sectionHeader: attr(item, 'redcap:SectionHeader'),
    type,
    label: text((item.Question as Node | undefined)?.TranslatedText),
    choices: choices.replace(/\s*\|\s*/g, ' | '),
    note: attr(item, 'redcap:FieldNote'),
    validation: attr(item, 'redcap:TextValidationType'),
    validationMin: range('GE'),
    validationMax: range('LE'),
    identifier: attr(item, 'redcap:Identifier'),
    branchingLogic: attr(item, 'redcap:BranchingLogic'),
    required: attr(item, 'redcap:RequiredField'),
    customAlignment: attr(item, 'redcap:CustomAlignment'),
    questionNumber: attr(item, 'redcap:QuestionNumber'),
    matrixGroup: attr(item, 'redcap:MatrixGroupName'),
    matrixRanking: attr(item, 'redcap:MatrixRanking'),
    annotation: attr(item, 'redcap:FieldAnnotation'),
  }
}
