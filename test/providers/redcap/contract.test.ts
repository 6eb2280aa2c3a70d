import { runProviderContract } from '../../contract/provider.case.js'
import { redcapSubject } from './contract-subject.js'

runProviderContract(redcapSubject)
