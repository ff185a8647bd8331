import { Global, Module } from '@nestjs/common';
import { AuditCycles } from '../audits/index.js';
import { OrgModule } from '../org/index.js';
import { featureEntities } from '../persistence/index.js';
import { AllocationsService } from './allocations.service.js';
import { Cycle } from './cycle.entity.js';
import { CyclesController } from './cycles.controller.js';
import { CyclePageController } from './pages/cycle.page-controller.js';
import { CyclesPageController } from './pages/cycles.page-controller.js';
import { ReallocateSearchPageController } from './pages/reallocate-search.page-controller.js';
import { CycleReadsService } from './cycle-reads.service.js';
import { CyclesForAudits } from './cycles-for-audits.js';
import { CyclesService } from './cycles.service.js';
import { MyAuditsPageController } from './pages/my-audits.page-controller.js';
import { IdempotencyModule } from '../idempotency/index.js';

const auditCycles = { provide: AuditCycles, useClass: CyclesForAudits };

/**
 * Global only for the AuditCycles port: the audits feature needs it but may not import cycles
 * (cycles create audits, so the dependency runs this way round).
 */
@Global()
@Module({
  imports: [IdempotencyModule, OrgModule, featureEntities([Cycle])],
  // The list's fixed paths (/admin/cycles/new, …/preview) come before /admin/cycles/:id.
  controllers: [
    CyclesController,
    MyAuditsPageController,
    CyclesPageController,
    CyclePageController,
    ReallocateSearchPageController,
  ],
  providers: [CyclesService, CycleReadsService, AllocationsService, auditCycles],
  exports: [CyclesService, CycleReadsService, AllocationsService, auditCycles],
})
export class CyclesModule {}
