/**
 * `content=project`: export the project's attributes with a project token; with `data` and a super
 * token, create a project (the pipeline routes that call to the super-token checks).
 */
import { createProject } from './project-create.js'
import { exportProjectInfo } from './project-info.js'
import type { ContentDef } from './types.js'

const project: ContentDef = {
  content: 'project',
  action: { from: 'data' },
  actions: {
    export: { run: exportProjectInfo },
    import: { runSuper: createProject },
  },
}
export default project
