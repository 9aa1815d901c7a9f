import { Casework1790000500000 } from './migrations/1790000500000-casework';
import { CaseSeen1790000500100 } from './migrations/1790000500100-case-seen';

/** The casework service's own schema; no other service reads or writes it. */
export const SCHEMA = 'casework';

/** No entity classes: hand-written statements, each command in one transaction with its outbox row. */
export const entities = [];

export const migrations = [Casework1790000500000, CaseSeen1790000500100];
