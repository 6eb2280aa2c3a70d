import { echoSubject } from '../support/echo-subject.js'
import { runMswParity } from './parity.case.js'

// The echo provider has no real host; it answers on one of its own, as a provider of yours would.
runMswParity([echoSubject], { routes: [{ base: 'https://echo.standin.test', mount: '/echo' }] })
