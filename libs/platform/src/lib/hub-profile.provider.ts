import { readFileSync } from 'node:fs';
import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { HubConfig, HubProfileConfig } from '@linkway/config';
import {
  HUB_PRESET_KEYS,
  type HubPresetKey,
  type HubProfile,
  hubProfileFromPreset,
  validateHubProfile,
} from '@linkway/domain';

export const HUB_PROFILE = Symbol('HUB_PROFILE');

/**
 * The hub's profile from HUB_PROFILE_FILE (JSON) or the HUB_PROFILE preset. An invalid profile
 * stops the service at boot with every bad field named: a hub service never runs on a guess.
 */
export function loadHubProfile(
  settings: HubProfileConfig,
  hub: Pick<HubConfig, 'HUB_ID' | 'HUB_NAME'>,
): HubProfile {
  let candidate: unknown;
  if (settings.HUB_PROFILE_FILE) {
    candidate = JSON.parse(readFileSync(settings.HUB_PROFILE_FILE, 'utf8'));
  } else {
    if (!(HUB_PRESET_KEYS as readonly string[]).includes(settings.HUB_PROFILE)) {
      throw new Error(
        `HUB_PROFILE "${settings.HUB_PROFILE}" is not a preset; use one of ${HUB_PRESET_KEYS.join(', ')}`,
      );
    }
    const profile = hubProfileFromPreset(settings.HUB_PROFILE as HubPresetKey, {
      hubId: hub.HUB_ID,
      name: hub.HUB_NAME,
    });
    if (settings.HUB_SCHEME_START_DATE) profile.referrals.schemeStartDate = settings.HUB_SCHEME_START_DATE;
    candidate = profile;
  }
  const checked = validateHubProfile(candidate);
  if (!checked.valid) {
    throw new Error(
      `invalid hub profile: ${checked.errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`,
    );
  }
  return checked.value;
}

export const hubProfileProvider: Provider = {
  provide: HUB_PROFILE,
  inject: [ConfigService],
  useFactory: (config: ConfigService) =>
    loadHubProfile(config.getOrThrow<HubProfileConfig>('hubProfile'), config.getOrThrow<HubConfig>('hub')),
};
