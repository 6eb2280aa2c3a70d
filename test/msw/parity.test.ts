import { epicollectSubject } from '../providers/epicollect/contract-subject.js'
import { redcapSubject } from '../providers/redcap/contract-subject.js'
import { redoxSubject } from '../providers/redox/contract-subject.js'
import { echoSubject } from '../support/echo-subject.js'
import { runMswParity } from './parity.case.js'

// The echo provider has no real host; it answers on one of its own, as a provider of yours would.
runMswParity([redcapSubject, epicollectSubject, redoxSubject, echoSubject], {
  routes: [{ base: 'https://echo.standin.test', mount: '/echo' }],
})
