/**
 * The "project extra" the server derives from a definition and stores beside it (the web app's
 * index of the project): per form its top-level input refs, groups, branches, location inputs and
 * multiple-choice inputs with their answers by ref; every input (nested ones too) by ref; the
 * project's details and form refs. Served under `meta.project_extra` of `GET /api/project/{slug}`.
 * Empty maps are PHP's empty array, `[]`.
 * @see epicollect5-server app/Services/Project/ProjectExtraService.php
 */
type Input = Record<string, unknown> & { ref: string; type: string; question?: unknown }
type Form = { ref: string; name?: unknown; slug?: unknown; inputs?: Input[] }

const MULTIPLE_CHOICE = new Set(['radio', 'checkbox', 'dropdown', 'searchsingle', 'searchmultiple'])

/** A PHP associative array as JSON: an object, or `[]` when empty. */
const phpMap = (map: Record<string, unknown>) => (Object.keys(map).length === 0 ? [] : map)

function answersByRef(input: Input): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const a of (input.possible_answers ?? []) as { answer_ref: string; answer: unknown }[])
    out[a.answer_ref] = a.answer
  return phpMap(out) as Record<string, unknown>
}

interface FormIndex {
  readonly inputs: Record<string, { data: Input }>
  readonly locations: { question: unknown; input_ref: string; branch_ref: string | null }[]
  readonly choices: { form: Record<string, unknown>; branch: Record<string, unknown> }
  readonly groups: Record<string, string[]>
  readonly branches: Record<string, string[]>
}

/** Records one input in the form's index; `branch` is the branch question it sits in, if any. */
function index(into: FormIndex, input: Input, owner: Input | undefined, inBranch: boolean): void {
  into.inputs[input.ref] = { data: input }
  if (input.type === 'location')
    into.locations.push({
      question: input.question,
      // A location directly in a branch is listed under the branch question's ref.
      input_ref: owner && inBranch && owner.type === 'branch' ? owner.ref : input.ref,
      branch_ref: owner && inBranch ? (owner.type === 'branch' ? input.ref : owner.ref) : null,
    })
  if (MULTIPLE_CHOICE.has(input.type)) {
    const list = owner ? into.choices.branch : into.choices.form
    ;(list.order as string[]).push(input.ref)
    list[input.ref] = { question: input.question, possible_answers: answersByRef(input) }
  }
}

function formExtra(form: Form, inputs: Record<string, { data: Input }>) {
  const into: FormIndex = {
    inputs,
    locations: [],
    choices: { form: { order: [] }, branch: { order: [] } },
    groups: {},
    branches: {},
  }
  for (const input of form.inputs ?? []) {
    index(into, input, undefined, false)
    if (input.type === 'group') {
      const members = (input.group ?? []) as Input[]
      for (const member of members) index(into, member, input, false)
      into.groups[input.ref] = members.map((m) => m.ref)
    }
    if (input.type === 'branch') {
      const members = (input.branch ?? []) as Input[]
      for (const member of members) {
        index(into, member, input, true)
        if (member.type === 'group') {
          const nested = (member.group ?? []) as Input[]
          for (const n of nested) index(into, n, member, true)
          into.groups[member.ref] = nested.map((n) => n.ref)
        }
      }
      into.branches[input.ref] = members.map((m) => m.ref)
    }
  }
  const hasLocation = into.locations.length > 0
  return {
    group: phpMap(into.groups),
    lists: { location_inputs: into.locations, multiple_choice_inputs: into.choices },
    branch: phpMap(into.branches),
    inputs: (form.inputs ?? []).map((i) => i.ref),
    details: {
      ref: form.ref,
      name: form.name,
      slug: form.slug,
      type: 'hierarchy',
      has_location: hasLocation,
    },
  }
}

export function projectExtra(definition: { project: Record<string, unknown> }) {
  const project = definition.project
  const forms = (project.forms ?? []) as Form[]
  const inputs: Record<string, { data: Input }> = {}
  const formsExtra: Record<string, unknown> = {}
  for (const form of forms) formsExtra[form.ref] = formExtra(form, inputs)
  const pick = (...names: string[]) => Object.fromEntries(names.map((n) => [n, project[n]]))
  return {
    forms: phpMap(formsExtra),
    inputs: phpMap(inputs),
    project: {
      forms: forms.map((f) => f.ref),
      details: pick(
        'ref',
        'name',
        'slug',
        'access',
        'status',
        'logo_url',
        'visibility',
        'small_description',
        'description',
        'category',
      ),
      entries_limits: project.entries_limits,
    },
  }
}
