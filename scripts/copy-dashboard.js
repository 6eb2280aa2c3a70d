// Copies the dashboard's static files (HTML, CSS, ES modules) next to the compiled admin code, so
// the built package serves them from dist/admin/dashboard/. See docs/decisions/dashboard-assets.md.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'

const from = new URL('../src/admin/dashboard/', import.meta.url)
const to = new URL('../dist/admin/dashboard/', import.meta.url)

rmSync(to, { recursive: true, force: true })
mkdirSync(to, { recursive: true })
for (const entry of readdirSync(from, { withFileTypes: true })) {
  if (entry.isFile()) copyFileSync(new URL(entry.name, from), new URL(entry.name, to))
}
