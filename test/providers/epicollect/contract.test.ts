import { runProviderContract } from '../../contract/provider.case.js'
import { epicollectSubject } from './contract-subject.js'

runProviderContract(epicollectSubject)
