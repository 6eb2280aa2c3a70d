// Pads a JPEG to an exact byte size with one comment (COM, FF FE) segment right after the SOI
// marker. Decoders skip comments, so the picture is unchanged; this gives the fixture placeholders
// the sizes of Epicollect5's own placeholder images (public/images/ in epicollect5-server), which
// clients may check by Content-Length.
import { Buffer } from 'node:buffer'

/** The longest comment payload one segment holds (its 2-byte length counts itself). */
const MAX_COMMENT = 0xffff - 2
const FILLER = 'standin placeholder padding. '

export function padJpeg(jpeg, size) {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG: no SOI marker')
  const payload = size - jpeg.length - 4
  if (payload < 0 || payload > MAX_COMMENT)
    throw new Error(`cannot pad ${String(jpeg.length)} bytes to ${String(size)} in one comment`)
  const comment = Buffer.alloc(payload + 4)
  comment.writeUInt16BE(0xfffe, 0)
  comment.writeUInt16BE(payload + 2, 2)
  for (let i = 0; i < payload; i++) comment[4 + i] = FILLER.charCodeAt(i % FILLER.length)
  return Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)])
}
