import { IsInt, IsString, Max, Min } from 'class-validator';
import { configNamespace } from '@linkway/config';

/** Partner-directory settings; the shared concerns live in @linkway/config. */
export class DirectoryConfig {
  /** An entry not verified for this many days is flagged stale to link workers. */
  @IsInt()
  @Min(1)
  @Max(3650)
  DIRECTORY_STALE_AFTER_DAYS = 180;

  /**
   * Postcode lookup (ONS postcode directory CSV: pcds, lat, long), loaded at start when changed.
   * Empty: the sample shipped for the demo hubs (src/data/postcodes-sample.csv).
   */
  @IsString()
  DIRECTORY_POSTCODES_FILE = '';
}

export const directoryConfig = configNamespace('directory', DirectoryConfig);
