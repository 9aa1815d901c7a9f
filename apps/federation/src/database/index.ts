import { messagingEntities, messagingMigrations } from '@linkway/persistence';
import { IcsAccount } from '../auth/ics-account.entity';
import { Hub } from '../hubs/hub.entity';
import { HubSnapshot } from '../snapshots/hub-snapshot.entity';
import { Federation1790000100000 } from './migrations/1790000100000-federation';

/** The federation's schema in the ICS database; it holds aggregates only, never person-level data. */
export const SCHEMA = 'federation';

// the inbox table (from the messaging tables) makes the FEDERATION_IN consumer exactly-once
export const entities = [...messagingEntities, Hub, HubSnapshot, IcsAccount];

export const migrations = [...messagingMigrations, Federation1790000100000];
