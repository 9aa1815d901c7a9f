import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@linkway/platform';
import { directoryConfig } from './config/directory.config';
import { entities, migrations, SCHEMA } from './database';
import { DirectoryModule } from './directory/directory.module';

@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'partner-directory',
      schema: SCHEMA,
      entities,
      migrations,
      config: [directoryConfig],
    }),
    DirectoryModule,
  ],
})
export class AppModule {}
