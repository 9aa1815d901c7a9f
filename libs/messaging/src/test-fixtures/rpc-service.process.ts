/**
 * A real Nest NATS microservice with @MessagePattern handlers on the suite's subjects, for
 * the request/reply tests (answer, remote error, no responders, SIGSTOP → timeout).
 */
import { Controller, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotFoundError } from '@linkway/util';
import { natsTransportOptions } from '../lib/nats-connection';
import { DomainRpcExceptionFilter } from '../lib/rpc/domain-rpc-exception.filter';
import { JsonReply } from '../lib/rpc/json-reply';

const prefix = process.env['SUBJECT_PREFIX'] ?? 't';

@Controller()
class EchoController {
  @MessagePattern(`${prefix}.echo.v1`)
  echo(@Payload() data: { text: string }) {
    return { echoed: data.text, pid: process.pid };
  }

  /** As our services' handlers are: async, answering after other I/O. */
  @MessagePattern(`${prefix}.echo-later.v1`)
  async echoLater(@Payload() data: { text: string }) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { echoed: data.text, pid: process.pid };
  }

  /** As the directory's search answers: JSON it already holds. */
  @MessagePattern(`${prefix}.echo-json.v1`)
  async echoJson(@Payload() data: { text: string }) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return new JsonReply(JSON.stringify({ echoed: data.text, pid: process.pid }));
  }

  @MessagePattern(`${prefix}.case.get.v1`)
  getCase(@Payload() data: { id: string }) {
    throw new NotFoundError('Case', data.id);
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

async function main() {
  const app = await NestFactory.createMicroservice(EchoModule, {
    ...natsTransportOptions(
      { NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' },
      `echo-${prefix}`,
    ),
    logger: ['error', 'warn'],
  });
  app.useGlobalFilters(new DomainRpcExceptionFilter());
  await app.listen();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: Error) => {
  Logger.error(error);
  process.exit(1);
});
