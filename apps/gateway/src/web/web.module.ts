import { Module } from '@nestjs/common';
import { WebUiModule } from '@linkway/platform';
import { HubInfoController } from './hub-info.controller';

/** The web UI at `/` (apps/web's build) and the public hub name it shows before sign-in. */
@Module({
  imports: [WebUiModule.forRoot({ serverPrefixes: ['/oruk', '/fhir'] })],
  controllers: [HubInfoController],
})
export class WebModule {}
