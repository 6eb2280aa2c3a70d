// @ts-check
/**
 * The token endpoint's floor: how many RS384 client assertions jose's bare `jwtVerify` checks per
 * second in one process, with as many verifications in flight as the load runs use connections
 * (jose verifies through Web Crypto, which runs off the main thread). Bounded by count and time;
 * prints one JSON line.
 *
 * argv: [concurrency=32] [seconds=3] [maxOps=200000]
 */
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose'

const concurrency = Number(process.argv[2] ?? 32)
const seconds = Number(process.argv[3] ?? 3)
const maxOps = Number(process.argv[4] ?? 200_000)

const AUD = 'http://127.0.0.1:4010/redox/v2/auth/token'
const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true })
// The server side holds the client's public JWK, imported once, as a token endpoint would cache it.
const verifyKey = await importJWK(await exportJWK(publicKey), 'RS384')
const now = Math.floor(Date.now() / 1000)
const assertion = await new SignJWT({})
  .setProtectedHeader({ alg: 'RS384', kid: 'bench' })
  .setIssuer('bench-client')
  .setSubject('bench-client')
  .setAudience(AUD)
  .setIssuedAt(now)
  .setExpirationTime(now + 300)
  .setJti('0123456789abcdef')
  .sign(privateKey)

/** @param {number} n */
async function verifyMany(n) {
  for (let i = 0; i < n; i++) {
    await jwtVerify(assertion, verifyKey, {
      audience: AUD,
      algorithms: ['RS384'],
      currentDate: new Date(now * 1000),
    })
  }
}

await verifyMany(500) // warm-up
let done = 0
const cpuBefore = process.cpuUsage()
const started = performance.now()
const deadline = started + seconds * 1000
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline && done < maxOps) {
      await verifyMany(1)
      done++
    }
  }),
)
const elapsed = (performance.now() - started) / 1000
// All threads of the process: Web Crypto verifies on the thread pool.
const cpu = process.cpuUsage(cpuBefore)
const cpuSeconds = (cpu.user + cpu.system) / 1e6
const result = {
  ops: done,
  seconds: elapsed,
  opsPerSec: done / elapsed,
  opsPerCpuSec: done / cpuSeconds,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
