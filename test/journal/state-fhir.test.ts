import { expect, it } from 'vitest'
import { serveDefault } from './support.js'

it('lists the FHIR resources in /_standin/state, patients with name and birth date', async () => {
  const s = await serveDefault()
  const state = await s.control.state()
  const redox = state.providers.redox as {
    fhirResources: number
    fhir: { type: string; id: string; name?: string; birthDate?: string }[]
  }
  expect(redox.fhir).toHaveLength(redox.fhirResources)
  expect(redox.fhir).toContainEqual({
    type: 'Patient',
    id: '2c14f48b-e542-438a-af3a-512d43baa5a3',
    name: 'Chloé Tremblay',
    birthDate: '1992-07-25',
  })
  expect(redox.fhir).toContainEqual({
    type: 'Encounter',
    id: 'c44e98f9-d77c-4338-a2a8-3d59950ef20e',
  })
  expect(redox.fhir.filter((r) => r.type === 'Patient').every((r) => r.name && r.birthDate)).toBe(
    true,
  )
})
