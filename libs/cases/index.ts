// The case register's one door: the import service and the reads other features make of cases.
export { CasesModule } from './cases.module.js';
export {
  CasesImportService,
  detectFormat,
  type ImportRequest,
  type ImportPhase,
  type ImportProgress,
  type ImportResult,
  type RegisterFile,
} from './cases-import.service.js';
export { readRegisterFile } from './register-files.js';
export { warmParserThread } from './register-parse.js';
export { caseForAllocation, type CaseForAllocationRow, openCasesOn, type OpenCaseRow } from './case-reads.js';
export { REGISTER_SQL } from './register-sql.js';
