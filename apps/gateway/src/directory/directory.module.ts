import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrukModule } from '../oruk/oruk.module';
import { DirectoryController } from './directory.controller';

/** /api/v1/directory for hub staff, and the public ORUK API at /oruk. */
@Module({ imports: [AuditModule, OrukModule], controllers: [DirectoryController] })
export class DirectoryModule {}
