import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CaseworkGatewayService } from './casework-gateway.service';
import { CasesController } from './cases/cases.controller';
import { HubManagerController } from './hub-manager/hub-manager.controller';
import { PartnerPortalController } from './partner-portal/partner-portal.controller';
import { PractitionersController } from './practitioners/practitioners.controller';

/** /api/v1/casework for link workers and hub managers, /api/v1/partner for partner accounts. */
@Module({
  imports: [AuditModule, AccountsModule],
  controllers: [CasesController, PractitionersController, PartnerPortalController, HubManagerController],
  providers: [CaseworkGatewayService],
})
export class CaseworkGatewayModule {}
