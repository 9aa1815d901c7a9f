import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@linkway/platform';
import { CaseworkModule } from './casework.module';
import { caseworkConfig } from './config/casework.config';
import { entities, migrations, SCHEMA } from './database';

@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'casework',
      schema: SCHEMA,
      entities,
      migrations,
      config: [caseworkConfig],
    }),
    CaseworkModule,
  ],
})
export class AppModule {}
