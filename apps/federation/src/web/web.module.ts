import { Module } from '@nestjs/common';
import { WebUiModule } from '@linkway/platform';
import { IcsWebController } from './ics-web.controller';

/** The web UI at `/` (apps/web's build, ICS screens) and the two answers its sign-in needs. */
@Module({
  imports: [WebUiModule.forRoot()],
  controllers: [IcsWebController],
})
export class WebModule {}
