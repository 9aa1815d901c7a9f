import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CaseworkGatewayService } from '../casework/casework-gateway.service';
import { CaseloadController } from './caseload.controller';

/** GET /api/v1/caseload: cases with each person named in one batch. */
@Module({
  imports: [AuditModule, AccountsModule],
  controllers: [CaseloadController],
  providers: [CaseworkGatewayService],
})
export class CaseloadModule {}
