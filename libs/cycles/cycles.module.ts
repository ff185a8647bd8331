import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { AllocationsService } from './allocations.service.js';
import { CyclesController } from './cycles.controller.js';
import { CycleReadsService } from './cycle-reads.service.js';
import { CyclesService } from './cycles.service.js';

@Module({
  imports: [OrgModule],
  controllers: [CyclesController],
  providers: [CyclesService, CycleReadsService, AllocationsService],
  exports: [CyclesService, CycleReadsService],
})
export class CyclesModule {}
