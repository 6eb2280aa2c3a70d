import { describe, expect, it } from 'vitest'
import { HostPolicy, hostnameOf } from '../../src/core/hosts.js'

describe('Host header policy', () => {
  it.each([
    ['localhost:4010', 'localhost'],
    ['LOCALHOST.', 'localhost'],
    ['[::1]:4010', '::1'],
    ['127.0.0.1', '127.0.0.1'],
    ['a.test:1:2', 'a.test:1:2'],
  ])('reads the hostname of %s as %s', (host, name) => {
    expect(hostnameOf(host)).toBe(name)
  })

  it('answers loopback, the bound address and allowed names, at any port', () => {
    const policy = new HostPolicy('192.0.2.7', ['Standin.Test'])
    for (const host of [
      'localhost',
      'localhost:1',
      '127.9.9.9:80',
      '[::1]',
      '192.0.2.7:4010',
      'standin.test:9',
    ])
      expect([host, policy.allows(host)]).toEqual([host, true])
  })

  it.each([
    'attacker.example',
    'localhost.attacker.example',
    'attacker.example@127.0.0.1',
    '127.0.0.1.attacker.example',
    '0.0.0.0:4010',
    '192.0.2.8',
    '',
  ])('refuses %s', (host) => {
    expect(new HostPolicy('0.0.0.0', ['standin.test']).allows(host)).toBe(false)
  })

  it('never takes a wildcard bind address for a name clients use', () => {
    expect(new HostPolicy('::', []).allows('[::]:4010')).toBe(false)
    expect(new HostPolicy('::1', []).allows('[::1]:4010')).toBe(true)
  })
})
