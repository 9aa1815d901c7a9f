import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OutcomesController } from './outcomes.controller';

/** /api/v1/outcomes: measures, person history, hub dashboard, GP message-back. */
@Module({ imports: [AuditModule], controllers: [OutcomesController] })
export class OutcomesGatewayModule {}
