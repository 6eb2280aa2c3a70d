/**
 * createStandin with Node defaults: fixtures and scenarios from the working directory first and
 * then from the ones standin ships, the dashboard's files, the real `fetch`, and the proxy's
 * node:http transport with credential references read from the environment.
 */
import { join } from 'node:path'
import { readDashboardFiles } from './dashboard-files.js'
import { createStandinCore, type Standin, type StandinOptions } from '../standin.js'
import { FsFixtureStore } from './fs-fixture-store.js'
import { FsScenarioSource } from './fs-scenario-source.js'
import { PACKAGE_ROOT, packageVersion } from './package-root.js'
import { nodeProxyPorts } from './proxy-ports.js'

export function defaultFixtureStore(cwd = process.cwd()): FsFixtureStore {
  return new FsFixtureStore([join(cwd, 'fixtures'), join(PACKAGE_ROOT, 'fixtures')])
}

export function defaultScenarioSource(cwd = process.cwd()): FsScenarioSource {
  return new FsScenarioSource([join(cwd, 'scenarios'), join(PACKAGE_ROOT, 'scenarios')])
}

export function createStandin(options: StandinOptions = {}): Promise<Standin> {
  return createStandinCore({
    fixtures: defaultFixtureStore(),
    scenarios: defaultScenarioSource(),
    version: packageVersion(),
    dashboard: readDashboardFiles(),
    ...options,
    proxy: { ...nodeProxyPorts(), ...options.proxy },
  })
}
