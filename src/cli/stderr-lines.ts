/**
 * stderr with the lines of one event-loop turn written together. Node writes to a pipe or a file
 * synchronously on Linux, one system call per `write`; with an access-log line per request that
 * call cost a busy server more than many of the requests it logged. Lines are kept in order and go
 * out when the turn's I/O is done (`setImmediate`), at once past 64 KB, and before the process exits.
 */
export type TextSink = (text: string) => void

const FLUSH_AT_CHARS = 64 * 1024

export function batchedLines(write: TextSink, flushAt = FLUSH_AT_CHARS): TextSink {
  let pending: string[] = []
  let size = 0
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending.length === 0) return
    const text = pending.length === 1 ? (pending[0] ?? '') : pending.join('')
    pending = []
    size = 0
    write(text)
  }
  process.on('exit', flush)
  return (text) => {
    pending.push(text)
    size += text.length
    if (size >= flushAt) flush()
    else if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  }
}

/** The command's stderr: access log, `[standin]` lines and their order, one write per turn. */
export const stderrLines: TextSink = batchedLines((text) => process.stderr.write(text))
