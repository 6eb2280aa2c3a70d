/**
 * The project definition as Epicollect5 stores it (`project_structures.project_definition`), and the
 * lookups the API needs from it: forms in order, inputs by ref, each form's branch inputs, and the
 * inputs an export lists (groups flattened into their children, readme kept for the mapping to skip).
 *
 * @see epicollect5-server app/Services/Mapping/DataMappingService.php (getInputsFlattened,
 *   getBranchInputsFlattened) and app/DTO/ProjectExtraDTO.php (formExists, branchExists, inputExists)
 */
export const INPUT_TYPES = [
  'text',
  'textarea',
  'integer',
  'decimal',
  'phone',
  'date',
  'time',
  'radio',
  'checkbox',
  'dropdown',
  'searchsingle',
  'searchmultiple',
  'location',
  'photo',
  'audio',
  'video',
  'barcode',
  'branch',
  'group',
  'readme',
] as const

export type InputType = (typeof INPUT_TYPES)[number]

export interface PossibleAnswer {
  readonly answer: string
  readonly answer_ref: string
}

/** One question. Keys beyond these (max, min, jumps, regex...) are kept and exported verbatim. */
export interface InputDefinition {
  readonly ref: string
  readonly type: InputType
  readonly question: string
  readonly is_title: boolean
  readonly datetime_format: string | null
  readonly possible_answers: readonly PossibleAnswer[]
  readonly group: readonly InputDefinition[]
  readonly branch: readonly InputDefinition[]
}

export interface FormDefinition {
  readonly ref: string
  readonly name: string
  readonly inputs: readonly InputDefinition[]
}

export interface ProjectDefinition {
  readonly id: string
  readonly type: 'project'
  readonly project: {
    readonly ref: string
    readonly name: string
    readonly slug: string
    readonly access: 'public' | 'private'
    readonly status: string
    readonly created_at: string
    readonly forms: readonly FormDefinition[]
  }
}

/** The lookups over one definition, built once per project. */
export class ProjectModel {
  readonly forms: readonly FormDefinition[]
  readonly #forms = new Map<string, FormDefinition>()
  readonly #inputs = new Map<string, InputDefinition>()

  constructor(readonly definition: ProjectDefinition) {
    this.forms = definition.project.forms
    for (const form of this.forms) {
      this.#forms.set(form.ref, form)
      this.#index(form.inputs)
    }
  }

  #index(inputs: readonly InputDefinition[]): void {
    for (const input of inputs) {
      this.#inputs.set(input.ref, input)
      this.#index(input.group)
      this.#index(input.branch)
    }
  }

  get firstFormRef(): string {
    return this.forms[0]?.ref ?? ''
  }

  form(ref: string): FormDefinition | undefined {
    return this.#forms.get(ref)
  }

  input(ref: string): InputDefinition | undefined {
    return this.#inputs.get(ref)
  }

  /** A branch input at the top level of `formRef` (branches cannot sit inside groups). */
  branch(formRef: string, branchRef: string): InputDefinition | undefined {
    return this.form(formRef)?.inputs.find((i) => i.ref === branchRef && i.type === 'branch')
  }

  /** The inputs a form export lists: top level, groups replaced by their children. */
  formExportInputs(formRef: string): InputDefinition[] {
    return flattenGroups(this.form(formRef)?.inputs ?? [])
  }

  /** The inputs a branch export lists: the branch's own, groups replaced by their children. */
  branchExportInputs(formRef: string, branchRef: string): InputDefinition[] {
    return flattenGroups(this.branch(formRef, branchRef)?.branch ?? [])
  }

  /** Every media input of the project, for the stats' file count. */
  allInputs(): IterableIterator<InputDefinition> {
    return this.#inputs.values()
  }
}

function flattenGroups(inputs: readonly InputDefinition[]): InputDefinition[] {
  return inputs.flatMap((input) => (input.type === 'group' ? input.group : [input]))
}
