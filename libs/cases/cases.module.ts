import { Module } from '@nestjs/common';
import { OrgModule } from '../org/index.js';
import { featureEntities } from '../persistence/index.js';
import { Case } from './case.entity.js';
import { ImportRun } from './import-run.entity.js';
import { CasesController } from './cases.controller.js';
import { CasesImportService } from './cases-import.service.js';
import { ImportGate } from './import-gate.js';
import { RegisterPageController } from './pages/register.page-controller.js';
import { RegisterJobsService } from './register-jobs.service.js';
import { IdempotencyModule } from '../idempotency/index.js';

@Module({
  imports: [IdempotencyModule, OrgModule, featureEntities([Case, ImportRun])],
  controllers: [CasesController, RegisterPageController],
  providers: [CasesImportService, RegisterJobsService, ImportGate],
  exports: [CasesImportService],
})
export class CasesModule {}
