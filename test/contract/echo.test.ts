import { echoSubject } from '../support/echo-subject.js'
import { runProviderContract } from './provider.case.js'

runProviderContract(echoSubject)
