/**
 * Equality as MySQL's `utf8_unicode_ci` collation decides it for `=` (the collation of the
 * server's project name and slug columns): case- and accent-insensitive, and a PAD SPACE
 * collation, so trailing spaces do not count ("EC5 Urban Trees " = "ec5 urban trees"). `LIKE`
 * pads nothing, so prefix searches keep their trailing spaces.
 * @see https://dev.mysql.com/doc/refman/8.0/en/charset-binary-collations.html#charset-binary-collations-trailing-space-comparisons
 */
import { compareText } from '../../../core/collation.js'

const trailingSpaces = / +$/

export function mysqlEquals(a: string, b: string): boolean {
  return compareText(a.replace(trailingSpaces, ''), b.replace(trailingSpaces, '')) === 0
}
