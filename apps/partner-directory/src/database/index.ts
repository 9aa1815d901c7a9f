import { Directory1790000400000 } from './migrations/1790000400000-directory';
import { SearchIndexNotify1790000500000 } from './migrations/1790000500000-search-index-notify';

export {
  CAPACITY_CHANGED_PREFIX,
  DIRECTORY_CHANGED_CHANNEL,
} from './migrations/1790000500000-search-index-notify';

/** The partner-directory service's own schema; no other service reads or writes it. */
export const SCHEMA = 'partner_directory';

/** Plain SQL through the DataSource (search and capacity need hand-written queries); no entities. */
export const entities = [];

export const migrations = [Directory1790000400000, SearchIndexNotify1790000500000];
