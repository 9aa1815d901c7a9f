import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@linkway/platform';
import { outcomesConfig } from './config/outcomes.config';
import { entities, migrations, SCHEMA } from './database';
import { OutcomesModule } from './outcomes.module';

@Module({
  imports: [
    ServicePlatformModule.forRoot({
      service: 'outcomes',
      schema: SCHEMA,
      entities,
      migrations,
      config: [outcomesConfig],
    }),
    OutcomesModule,
  ],
})
export class AppModule {}
