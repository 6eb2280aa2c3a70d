// Epicollect5's Apps page: one client app per project; create it (the secret is shown once here),
// "Revoke Token" (live tokens die, the app stays) and "Delete App".

import { api, segment } from './api.js'
import { actionButton, onSubmit } from './actions.js'
import { h, renderInto, row, table } from './dom.js'
import { fillDatalist, formOf, submit, textField } from './forms.js'
import { child, field, listOf } from './pick.js'
import { showSecret } from './secret.js'

const HEADINGS = ['Project', 'Slug', 'App', 'Client ID', 'Actions']

export function mountEpicollectPanel(section) {
  const secret = h('div', { class: 'secret-slot' })
  const apps = h('div')
  const slugs = h('datalist', { id: 'epicollect-slugs' })
  const createForm = formOf(
    'epicollect-create',
    'Create an app',
    textField('epicollect-create-slug', 'Project slug', 'slug', { list: 'epicollect-slugs' }),
    textField(
      'epicollect-create-name',
      'App name',
      'name',
      { minlength: 3, maxlength: 50 },
      '3 to 50 letters, digits, spaces or _.',
    ),
    submit('Create app'),
  )
  section.append(secret, h('h3', {}, 'Apps'), apps, h('div', { class: 'forms' }, createForm), slugs)

  onSubmit(
    createForm,
    (form) =>
      api(`epicollect/projects/${segment(form.get('slug'))}/app`, {
        method: 'POST',
        body: { name: form.get('name') },
      }),
    (reply) => {
      showSecret(secret, 'App created', [
        { label: 'Client ID', value: String(reply?.client_id ?? reply?.clientId ?? '') },
        {
          label: 'Client secret',
          value: String(reply?.client_secret ?? reply?.clientSecret ?? ''),
        },
      ])
      return 'App created; its client secret is shown once.'
    },
  )

  function appRow(project) {
    const { slug, name, app } = project
    const lever = (verb, method, path, said) =>
      actionButton(
        verb,
        { key: `${verb}:${slug}`, label: `${verb} of project ${name || slug}` },
        () => api(`epicollect/projects/${segment(slug)}/${path}`, { method }),
        said,
      )
    return row(HEADINGS, [
      name || slug,
      h('code', {}, slug),
      app ? app.name || 'unnamed' : h('span', { class: 'muted' }, 'no app'),
      app ? h('code', {}, app.clientId) : '—',
      app
        ? h(
            'div',
            { class: 'button-row' },
            lever(
              'Revoke Token',
              'POST',
              'app/revoke',
              `Revoked the live tokens of ${slug}'s app.`,
            ),
            lever('Delete App', 'DELETE', 'app', `Deleted the app of ${slug}.`),
          )
        : '—',
    ])
  }

  return {
    render(state) {
      const projects = projectsOf(state)
      renderInto(
        apps,
        projects.length === 0
          ? h('p', { class: 'empty' }, 'No projects.')
          : table('Epicollect5 projects and apps', HEADINGS, projects.map(appRow)),
      )
      fillDatalist(
        slugs,
        projects.map((p) => p.slug),
      )
    },
  }
}

/** Projects with their app, whether the state nests apps in projects or lists them apart. */
function projectsOf(state) {
  const separate = listOf(state, ['apps', 'clients'])
  return listOf(state, ['projects'])
    .map((project) => {
      const slug = field(project, 'slug', 'key', 'ref')
      const nested = child(project, 'app', 'client', 'oauthClient')
      const apart = separate.find(
        (a) => field(a, 'projectSlug', 'project_slug', 'project', 'slug') === slug,
      )
      const app = nested ?? apart
      return {
        slug,
        name: field(project, 'name', 'title'),
        app: app && {
          name: field(app, 'name', 'applicationName', 'application_name'),
          clientId: field(app, 'clientId', 'client_id', 'id'),
        },
      }
    })
    .filter((project) => project.slug !== '')
}
