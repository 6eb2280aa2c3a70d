/**
 * Writing project XML (CDISC ODM 1.3.1 with `redcap:` extensions) the way REDCap's Project XML
 * export lays it out: `GlobalVariables` settings, repeating setup, DAGs and surveys;
 * `MetaDataVersion` with events, forms, item groups, items and code lists; `ClinicalData`.
 */
import type { Field, Project } from '../../state/model.js'
import {
  checkboxColumn,
  choicesOf,
  completeField,
  COMPLETE_CHOICES,
  recordIdField,
} from '../../state/project-shape.js'
import { XML_DECLARATION, xmlEscape as esc } from '../xml.js'
import { writeClinicalData, type ClinicalOptions } from './write-clinical.js'

const ODM_TYPES: Readonly<Record<string, string>> = { dropdown: 'select' }

function dataType(field: Field): string {
  if (['yesno', 'truefalse', 'checkbox'].includes(field.type)) return 'boolean'
  if (field.validation === 'integer') return 'integer'
  if (field.validation.startsWith('number')) return 'float'
  if (field.validation.startsWith('date_')) return 'date'
  if (field.validation.startsWith('datetime')) return 'datetime'
  return 'text'
}

function itemDef(field: Field, oid: string): string {
  const a = (name: string, value: string) => (value === '' ? '' : ` redcap:${name}="${esc(value)}"`)
  const codeList =
    choicesOf(field).length > 0 ? `\n\t\t<CodeListRef CodeListOID="${oid}.choices"/>` : ''
  const range = [
    ['GE', field.validationMin],
    ['LE', field.validationMax],
  ]
    .filter(([, v]) => v !== '')
    .map(
      ([c, v]) =>
        `\n\t\t<RangeCheck Comparator="${c ?? ''}" SoftHard="Soft"><CheckValue>${esc(v ?? '')}</CheckValue></RangeCheck>`,
    )
    .join('')
  return (
    `\t<ItemDef OID="${oid}" Name="${oid}" DataType="${dataType(field)}" Length="999" redcap:Variable="${field.name}" redcap:FieldType="${ODM_TYPES[field.type] ?? field.type}"` +
    a('TextValidationType', field.validation) +
    a('FieldNote', field.note) +
    a('SectionHeader', field.sectionHeader) +
    a('Identifier', field.identifier) +
    a('BranchingLogic', field.branchingLogic) +
    a('RequiredField', field.required) +
    a('CustomAlignment', field.customAlignment) +
    a('QuestionNumber', field.questionNumber) +
    a('MatrixGroupName', field.matrixGroup) +
    a('MatrixRanking', field.matrixRanking) +
    a('FieldAnnotation', field.annotation) +
    a('Calculation', field.type === 'calc' ? field.choices : '') +
    a('SliderLabels', field.type === 'slider' ? field.choices : '') +
    `>\n\t\t<Question><TranslatedText>${esc(field.label)}</TranslatedText></Question>${codeList}${range}\n\t</ItemDef>\n`
  )
}

function codeList(field: Field, oid: string): string {
  const checkbox = field.type === 'checkbox'
  const pairs = checkbox
    ? [
        ['1', 'Checked'],
        ['0', 'Unchecked'],
      ]
    : choicesOf(field)
  const extra = checkbox ? ` redcap:CheckboxChoices="${esc(field.choices)}"` : ''
  const items = pairs
    .map(
      ([code, label]) =>
        `\t\t<CodeListItem CodedValue="${esc(code ?? '')}"><Decode><TranslatedText>${esc(label ?? '')}</TranslatedText></Decode></CodeListItem>\n`,
    )
    .join('')
  return `\t<CodeList OID="${oid}.choices" Name="${oid}" DataType="${checkbox ? 'boolean' : 'text'}" redcap:Variable="${field.name}"${extra}>\n${items}\t</CodeList>\n`
}

function oidsOf(field: Field): string[] {
  return field.type === 'checkbox'
    ? choicesOf(field).map(([code]) => checkboxColumn(field.name, code))
    : [field.name]
}

function globalVariables(project: Project): string {
  const s = project.settings
  const v = (name: string, value: string | boolean | number) =>
    `\t<redcap:${name}>${esc(typeof value === 'boolean' ? (value ? '1' : '0') : String(value))}</redcap:${name}>\n`
  const eventName = (id: number) => project.events.find((e) => e.id === id)?.uniqueName ?? ''
  const instruments = project.repeating.filter((r) => r.form !== '')
  const repeats =
    project.repeating.length === 0
      ? ''
      : `\t<redcap:RepeatingInstrumentsAndEvents>\n` +
        (instruments.length === 0
          ? ''
          : `\t\t<redcap:RepeatingInstruments>\n${instruments
              .map(
                (r) =>
                  `\t\t\t<redcap:RepeatingInstrument redcap:UniqueEventName="${eventName(r.eventId)}" redcap:RepeatInstrument="${r.form}" redcap:CustomLabel="${esc(r.customLabel)}"/>\n`,
              )
              .join('')}\t\t</redcap:RepeatingInstruments>\n`) +
        project.repeating
          .filter((r) => r.form === '')
          .map(
            (r) =>
              `\t\t<redcap:RepeatingEvent redcap:UniqueEventName="${eventName(r.eventId)}"/>\n`,
          )
          .join('') +
        `\t</redcap:RepeatingInstrumentsAndEvents>\n`
  const dags =
    project.dags.length === 0
      ? ''
      : `\t<redcap:DataAccessGroupsGroup>\n${project.dags.map((d) => `\t\t<redcap:DataAccessGroups group_name="${esc(d.name)}"/>\n`).join('')}\t</redcap:DataAccessGroupsGroup>\n`
  const surveys =
    project.surveys.length === 0
      ? ''
      : `\t<redcap:SurveysGroup>\n${project.surveys.map((x) => `\t\t<redcap:Surveys form_name="${x.form}" title="${esc(x.title)}"/>\n`).join('')}\t</redcap:SurveysGroup>\n`
  return (
    `<GlobalVariables>\n\t<StudyName>${esc(s.title)}</StudyName>\n\t<StudyDescription>This file contains the metadata, events, and data for REDCap project "${esc(s.title)}".</StudyDescription>\n\t<ProtocolName>${esc(s.title)}</ProtocolName>\n` +
    v('RecordAutonumberingEnabled', s.autoNumbering) +
    v('CustomRecordLabel', s.customRecordLabel) +
    v('SecondaryUniqueField', s.secondaryUniqueField) +
    v('SchedulingEnabled', s.schedulingEnabled) +
    v('SurveysEnabled', s.surveysEnabled) +
    v('Purpose', s.purpose) +
    v('PurposeOther', s.purposeOther) +
    v('ProjectNotes', s.notes) +
    v('MissingDataCodes', s.missingDataCodes) +
    repeats +
    dags +
    surveys +
    `</GlobalVariables>\n`
  )
}

function studyEvents(project: Project): string {
  if (!project.settings.isLongitudinal) return ''
  const refs = project.events
    .map(
      (e, i) =>
        `\t\t<StudyEventRef StudyEventOID="Event.${e.uniqueName}" OrderNumber="${String(i + 1)}" Mandatory="No"/>\n`,
    )
    .join('')
  const defs = project.events
    .map((e) => {
      const arm = project.arms.find((a) => a.num === e.armNum)?.name ?? ''
      const forms = (project.mapping.get(e.id) ?? [])
        .map(
          (f, i) =>
            `\t\t<FormRef FormOID="Form.${f}" OrderNumber="${String(i + 1)}" Mandatory="No" redcap:FormName="${f}"/>\n`,
        )
        .join('')
      return `\t<StudyEventDef OID="Event.${e.uniqueName}" Name="${esc(e.name)}" Type="Common" Repeating="No" redcap:EventName="${esc(e.name)}" redcap:CustomEventLabel="${esc(e.customLabel)}" redcap:UniqueEventName="${e.uniqueName}" redcap:ArmNum="${String(e.armNum)}" redcap:ArmName="${esc(arm)}" redcap:DayOffset="${String(e.dayOffset)}" redcap:OffsetMin="${String(e.offsetMin)}" redcap:OffsetMax="${String(e.offsetMax)}">\n${forms}\t</StudyEventDef>\n`
    })
    .join('')
  return `\t<Protocol>\n${refs}\t</Protocol>\n${defs}`
}

function forms(project: Project): string {
  const idField = recordIdField(project)
  const complete = (form: string): Field => ({
    ...(project.fields[0] as Field),
    name: completeField(form),
    form,
    type: 'dropdown',
    label: 'Complete?',
    choices: COMPLETE_CHOICES.map(([c, l]) => `${c}, ${l}`).join(' | '),
    sectionHeader: 'Form Status',
    validation: '',
    validationMin: '',
    validationMax: '',
    identifier: '',
    note: '',
    branchingLogic: '',
    required: '',
    annotation: '',
  })
  let formDefs = ''
  let groups = ''
  let items = ''
  let lists = ''
  for (const form of project.forms) {
    const fields = project.fields.filter((f) => f.form === form.name)
    const first = fields[0]?.name ?? form.name
    formDefs += `\t<FormDef OID="Form.${form.name}" Name="${esc(form.label)}" Repeating="No" redcap:FormName="${form.name}">\n\t\t<ItemGroupRef ItemGroupOID="${form.name}.${first}" Mandatory="No"/>\n\t\t<ItemGroupRef ItemGroupOID="${form.name}.${completeField(form.name)}" Mandatory="No"/>\n\t</FormDef>\n`
    const refs = fields
      .flatMap((f) =>
        oidsOf(f).map(
          (oid) =>
            `\t\t<ItemRef ItemOID="${oid}" Mandatory="${f.required === 'y' && f.name !== idField ? 'Yes' : 'No'}" redcap:Variable="${f.name}"/>\n`,
        ),
      )
      .join('')
    groups += `\t<ItemGroupDef OID="${form.name}.${first}" Name="${esc(form.label)}" Repeating="No">\n${refs}\t</ItemGroupDef>\n`
    groups += `\t<ItemGroupDef OID="${form.name}.${completeField(form.name)}" Name="Form Status" Repeating="No">\n\t\t<ItemRef ItemOID="${completeField(form.name)}" Mandatory="No" redcap:Variable="${completeField(form.name)}"/>\n\t</ItemGroupDef>\n`
    for (const f of [...fields, complete(form.name)]) {
      for (const oid of oidsOf(f)) {
        items += itemDef(f, oid)
        if (choicesOf(f).length > 0) lists += codeList(f, oid)
      }
    }
  }
  return formDefs + groups + items + lists
}

function oidTitle(project: Project): string {
  return project.settings.title.replace(/[^A-Za-z0-9]/g, '')
}

export function writeOdm(
  project: Project,
  version: string,
  now: Date,
  options: ClinicalOptions | null,
): string {
  const stamp = now.toISOString().slice(0, 19)
  const metaOid = `Metadata.${oidTitle(project)}_${stamp.slice(0, 10)}_${stamp.slice(11, 16).replace(':', '')}`
  const clinical =
    options === null
      ? ''
      : writeClinicalData(project, `Project.${oidTitle(project)}`, metaOid, options)
  return (
    `${XML_DECLARATION}\n<ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:redcap="https://projectredcap.org" xsi:schemaLocation="http://www.cdisc.org/ns/odm/v1.3 schema/odm/ODM1-3-1.xsd" ODMVersion="1.3.1" FileOID="000-00-0000" FileType="Snapshot" Description="${esc(project.settings.title)}" AsOfDateTime="${stamp}" CreationDateTime="${stamp}" SourceSystem="REDCap" SourceSystemVersion="${version}">\n` +
    `<Study OID="Project.${oidTitle(project)}">\n${globalVariables(project)}<MetaDataVersion OID="${metaOid}" Name="${esc(project.settings.title)}" redcap:RecordIdField="${recordIdField(project)}">\n${studyEvents(project)}${forms(project)}</MetaDataVersion>\n</Study>\n${clinical}</ODM>`
  )
}
