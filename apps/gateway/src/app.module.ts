import { Module } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { SkipThrottle } from '@nestjs/throttler';
import { authConfig } from '@linkway/config';
import { HealthModule, ServicePlatformModule } from '@linkway/platform';
import { AccountsModule } from './accounts/accounts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CaseworkGatewayModule } from './casework/casework.module';
import { DirectoryModule } from './directory/directory.module';
import { Public } from './auth/decorators';
import { gatewayConfig } from './config/gateway.config';
import { AppRoleBinding } from './database/app-role.provider';
import { entities, migrations, SCHEMA } from './database';
import { ThrottlingModule } from './http/throttling';
import { SystemModule } from './system/system.module';
import { ReferralsModule } from './referrals/referrals.module';
import { OutcomesGatewayModule } from './outcomes/outcomes.module';
import { WebModule } from './web/web.module';
import { CaseloadModule } from './caseload/caseload.module';

// The platform's /health is probed by load balancers and start scripts without a token, and often.
for (const controller of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, HealthModule) ?? []) as Array<
  new () => object
>) {
  Public()(controller);
  SkipThrottle()(controller);
}

@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'gateway',
      schema: SCHEMA,
      entities,
      migrations,
      config: [authConfig, gatewayConfig],
    }),
    ThrottlingModule,
    AuditModule,
    AccountsModule,
    AuthModule,
    SystemModule,
    DirectoryModule,
    ReferralsModule,
    OutcomesGatewayModule,
    CaseworkGatewayModule,
    CaseloadModule,
    WebModule,
  ],
  providers: [AppRoleBinding],
})
export class AppModule {}
