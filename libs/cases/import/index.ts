export { parseAnnexA } from './annex-a.parser.js';
export { parseCsvRegister } from './csv-register.parser.js';
export { parseSsda903 } from './ssda903.parser.js';
export {
  type RegisterCsvColumn,
  registerCsvColumns,
  registerCsvTemplate,
  REGISTER_TEXT_FIELDS,
  registerRowProblem,
  screenRegister,
} from './register-row-schema.js';
export {
  RegisterFormatError,
  type ParsedRegister,
  type RegisterFormat,
  type RegisterRow,
  type RejectedRow,
} from './register-row.js';
