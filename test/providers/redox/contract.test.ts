import { runProviderContract } from '../../contract/provider.case.js'
import { redoxSubject } from './contract-subject.js'

runProviderContract(redoxSubject)
