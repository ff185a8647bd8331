import { Module } from '@nestjs/common';
import { AuditsModule } from '../audits/audits.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { CyclesModule } from '../cycles/cycles.module.js';
import { DemoService } from './demo.service.js';

@Module({
  imports: [CasesModule, CyclesModule, AuditsModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
