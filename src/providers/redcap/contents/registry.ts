/**
 * The content registry: `content` → its module. Adding a content is adding a file under
 * `contents/` and one line here. Contents REDCap supports but standin has not implemented yet are
 * answered like unknown ones (400 "content" is not valid).
 */
import type { ContentDef } from './types.js'
import record from './record.js'
import version from './version.js'

const CONTENTS: readonly ContentDef[] = [version, record]

export const CONTENT_REGISTRY: ReadonlyMap<string, ContentDef> = new Map(
  CONTENTS.map((def) => [def.content, def]),
)
