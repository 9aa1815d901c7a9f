import { Module } from '@nestjs/common';
import { PersonSummariesController } from './person-summaries.controller';
import { PersonSummariesService } from './person-summaries.service';

@Module({ controllers: [PersonSummariesController], providers: [PersonSummariesService] })
export class PeopleModule {}
