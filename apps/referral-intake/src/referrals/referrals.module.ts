import { Module } from '@nestjs/common';
import { hubProfileProvider } from '@linkway/platform';
import { ReferralController } from './referral.controller';
import { ReferralService } from './referral.service';

@Module({
  controllers: [ReferralController],
  providers: [hubProfileProvider, ReferralService],
  exports: [ReferralService],
})
export class ReferralsModule {}
