import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OrukImportService } from '../oruk/oruk-import.service';
import { PostcodeService } from '../postcodes/postcode.service';

export const DATA_DIR = join(__dirname, '..', 'data');

/** Loads the shipped taxonomy (upsert: a hub's own terms stay) and the postcode file when it changed. */
@Injectable()
export class DirectoryStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger(DirectoryStartup.name);

  constructor(
    private readonly postcodes: PostcodeService,
    private readonly importer: OrukImportService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await loadShippedTaxonomy(this.importer);
    const rows = await this.postcodes.loadConfiguredFile();
    this.logger.log({ msg: 'directory reference data ready', postcodesLoaded: rows });
  }
}

export async function loadShippedTaxonomy(importer: OrukImportService): Promise<void> {
  const taxonomy = JSON.parse(await readFile(join(DATA_DIR, 'taxonomy.json'), 'utf8'));
  await importer.import(taxonomy, 'taxonomy.json');
}
