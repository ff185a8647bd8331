// Cycles' one door: opening, reading and closing a cycle (selection and allocation inside).
export { CyclesModule } from './cycles.module.js';
export {
  DEFAULT_EXCLUDE_MONTHS,
  DEFAULT_MODERATION_RATE,
  DEFAULT_RATE,
  defaultTier3Count,
  type OpenCycleRequest,
  CyclesService,
} from './cycles.service.js';
export { CycleReadsService } from './cycle-reads.service.js';
export { OpenCycleDto } from './cycles.dto.js';
export { AllocationsService } from './allocations.service.js';
export type { AuditLine, CycleDocument, CycleWithAudits } from './cycle-document.js';
export type { CycleFilter, CycleKind, CycleStratum } from './cycle.entity.js';
export { lastDayOf } from './rules/last-day-of.js';
export { addMonths, firstDayOf, isMonth, monthOf } from './rules/month.js';
