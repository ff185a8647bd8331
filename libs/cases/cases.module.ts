import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { CasesController } from './cases.controller.js';
import { CasesImportService } from './cases-import.service.js';

@Module({
  imports: [OrgModule],
  controllers: [CasesController],
  providers: [CasesImportService],
  exports: [CasesImportService],
})
export class CasesModule {}
