import { Module } from '@nestjs/common';
import { AllocationsService } from './allocations.service.js';
import { CyclesController } from './cycles.controller.js';
import { CyclesService } from './cycles.service.js';

@Module({
  controllers: [CyclesController],
  providers: [CyclesService, AllocationsService],
  exports: [CyclesService],
})
export class CyclesModule {}
