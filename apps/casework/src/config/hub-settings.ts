import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readFileSync } from 'node:fs';
import type { HubConfig, HubProfileConfig } from '@linkway/config';
import { DEFAULT_HOME_SCHEMES, type HomeScheme, type HubProfile } from '@linkway/domain';
import { loadHubProfile } from '@linkway/platform';
import type { CaseworkConfig } from './casework.config';

/** What casework needs from the hub's configuration, resolved and checked once at boot. */
export interface HubSettings {
  hubId: string;
  profile: HubProfile;
  schemes: HomeScheme[];
  nudgeAfterSeconds: number;
  expireAfterSeconds: number;
  noContactFlagDays: number;
}

export const HUB_SETTINGS = Symbol('HUB_SETTINGS');

export function loadHubSettings(cfg: CaseworkConfig, profile: HubProfile, hubId: string): HubSettings {
  const schemes = cfg.CASEWORK_HOME_SCHEMES_FILE
    ? (JSON.parse(readFileSync(cfg.CASEWORK_HOME_SCHEMES_FILE, 'utf8')) as HomeScheme[])
    : [...DEFAULT_HOME_SCHEMES];
  if (
    !Array.isArray(schemes) ||
    schemes.some((s) => typeof s?.code !== 'string' || typeof s?.label !== 'string')
  ) {
    throw new Error('CASEWORK_HOME_SCHEMES_FILE must hold [{ code, label, eligibilityNotes }]');
  }
  if (cfg.CASEWORK_CHASER_EXPIRE_AFTER_SECONDS <= cfg.CASEWORK_CHASER_NUDGE_AFTER_SECONDS) {
    throw new Error(
      'CASEWORK_CHASER_EXPIRE_AFTER_SECONDS must be greater than CASEWORK_CHASER_NUDGE_AFTER_SECONDS',
    );
  }
  return {
    hubId,
    profile,
    schemes,
    nudgeAfterSeconds: cfg.CASEWORK_CHASER_NUDGE_AFTER_SECONDS,
    expireAfterSeconds: cfg.CASEWORK_CHASER_EXPIRE_AFTER_SECONDS,
    noContactFlagDays: cfg.CASEWORK_NO_CONTACT_FLAG_DAYS,
  };
}

export const hubSettingsProvider: Provider = {
  provide: HUB_SETTINGS,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const hub = config.getOrThrow<HubConfig>('hub');
    const profile = loadHubProfile(config.getOrThrow<HubProfileConfig>('hubProfile'), hub);
    return loadHubSettings(config.getOrThrow<CaseworkConfig>('casework'), profile, hub.HUB_ID);
  },
};
