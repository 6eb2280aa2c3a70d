/**
 * One standin for the whole run, on a free port; each test file takes an isolated session of it.
 */
import { startStandin } from 'standin/testing'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    standinUrl: string
  }
}

export default async function setup(project: TestProject) {
  const standin = await startStandin()
  project.provide('standinUrl', standin.url)
  return () => standin.close()
}
