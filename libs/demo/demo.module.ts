import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { CyclesModule } from '../cycles/cycles.module.js';
import { DemoService } from './demo.service.js';

@Module({ imports: [CasesModule, CyclesModule], providers: [DemoService], exports: [DemoService] })
export class DemoModule {}
