import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CapacityService } from '../capacity/capacity.service';
import type { DirectoryConfig } from '../config/directory.config';
import { OrukImportService } from '../oruk/oruk-import.service';
import { OrukService } from '../oruk/oruk.service';
import { PostcodeService } from '../postcodes/postcode.service';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { NeedSignals } from './need-signals';
import { SearchIndex } from './search-index';
import { SearchService, TaxonomyTree } from './search.service';
import { DIRECTORY_SETTINGS, type DirectorySettings, settingsFrom } from './settings';
import { DirectoryStartup } from './startup';

@Module({
  controllers: [DirectoryController],
  providers: [
    {
      provide: DIRECTORY_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): DirectorySettings => {
        const c = config.getOrThrow<DirectoryConfig>('directory');
        return settingsFrom(c);
      },
    },
    PostcodeService,
    DirectoryService,
    SearchService,
    SearchIndex,
    TaxonomyTree,
    NeedSignals,
    CapacityService,
    OrukService,
    OrukImportService,
    DirectoryStartup,
  ],
})
export class DirectoryModule {}
