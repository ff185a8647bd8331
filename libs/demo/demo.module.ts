import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/index.js';
import { AuditToolsModule } from '../audit-tools/index.js';
import { AuditsModule } from '../audits/index.js';
import { CasesModule } from '../cases/index.js';
import { CyclesModule } from '../cycles/index.js';
import { DemoService } from './demo.service.js';

@Module({
  imports: [CasesModule, CyclesModule, AuditsModule, AuditToolsModule, ActionsModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
