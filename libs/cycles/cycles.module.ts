import { Global, Module } from '@nestjs/common';
import { AuditCycles } from '../audits/index.js';
import { OrgModule } from '../org/index.js';
import { featureEntities } from '../persistence/index.js';
import { AllocationsService } from './allocations.service.js';
import { Cycle } from './cycle.entity.js';
import { CyclesController } from './cycles.controller.js';
import { CycleReadsService } from './cycle-reads.service.js';
import { CyclesForAudits } from './cycles-for-audits.js';
import { CyclesService } from './cycles.service.js';
import { MyAuditsPageController } from './pages/my-audits.page-controller.js';

const auditCycles = { provide: AuditCycles, useClass: CyclesForAudits };

/**
 * Global only for the AuditCycles port: the audits feature needs it but may not import cycles
 * (cycles create audits, so the dependency runs this way round).
 */
@Global()
@Module({
  imports: [OrgModule, featureEntities([Cycle])],
  controllers: [CyclesController, MyAuditsPageController],
  providers: [CyclesService, CycleReadsService, AllocationsService, auditCycles],
  exports: [CyclesService, CycleReadsService, AllocationsService, auditCycles],
})
export class CyclesModule {}
