import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@linkway/platform';
import { entities, migrations, SCHEMA } from './database';
import { ReferralsModule } from './referrals/referrals.module';
import { PeopleModule } from './people/people.module';

@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'referral-intake',
      schema: SCHEMA,
      entities,
      migrations,
    }),
    ReferralsModule,
    PeopleModule,
  ],
})
export class AppModule {}
