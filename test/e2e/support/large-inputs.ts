/** Inputs at the size limits: many REDCap rows, an ODM file of many fields. */

/** `count` records for the classic fixture's demographics form, numbered from `first`. */
export function recordRows(count: number, first: number): Record<string, string>[] {
  const rows: Record<string, string>[] = []
  for (let i = 0; i < count; i++) {
    rows.push({
      record_id: String(first + i),
      first_name: `Ana${String(i)}`,
      last_name: 'Lima',
      dob: '1985-03-14',
      sex: String(i % 2),
      email: `ana${String(i)}@example.org`,
    })
  }
  return rows
}

/** A REDCap ODM file of text fields on one form, about `bytes` long. */
export function bigOdm(bytes: number): string {
  const head =
    '<?xml version="1.0" encoding="UTF-8" ?><ODM xmlns="http://www.cdisc.org/ns/odm/v1.3" xmlns:redcap="https://projectredcap.org">' +
    '<Study OID="S"><GlobalVariables><StudyName>big</StudyName><redcap:RecordIdField>record_id</redcap:RecordIdField></GlobalVariables>' +
    '<MetaDataVersion OID="M" Name="big"><FormDef OID="Form.f" Name="F" Repeating="No" redcap:FormName="f"><ItemGroupRef ItemGroupOID="f.g" Mandatory="No"/></FormDef>'
  const refs: string[] = []
  const items: string[] = []
  const item = (name: string) =>
    `<ItemDef OID="${name}" Name="${name}" DataType="text" Length="999" redcap:Variable="${name}" redcap:FieldType="text"><Question><TranslatedText>${name}</TranslatedText></Question></ItemDef>`
  const ref = (name: string) =>
    `<ItemRef ItemOID="${name}" Mandatory="No" redcap:Variable="${name}"/>`
  let size = head.length + 200
  for (let i = 0; size < bytes; i++) {
    const name = i === 0 ? 'record_id' : `f${String(i)}`
    refs.push(ref(name))
    items.push(item(name))
    // Form encoding escapes about a third of the markup's characters into three bytes each.
    size += (ref(name).length + item(name).length) * 1.7
  }
  return `${head}<ItemGroupDef OID="f.g" Name="F" Repeating="No">${refs.join('')}</ItemGroupDef>${items.join('')}</MetaDataVersion></Study></ODM>`
}
