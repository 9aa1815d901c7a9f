import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { NatsHealthIndicator, RedisHealthIndicator } from './indicators';

/** Needs REDIS and NATS_CONNECTION providers in scope (PlatformModule gives both). */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, NatsHealthIndicator],
})
export class HealthModule {}
