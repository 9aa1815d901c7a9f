import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { bindApplicationRole } from './app-role';

/** Runs once the platform has migrated the schema as the owner: from here on, sessions act as the app role. */
@Injectable()
export class AppRoleBinding implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): Promise<void> {
    return bindApplicationRole(this.dataSource);
  }
}
