import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(
    readonly concern: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid ${concern} configuration:\n  - ${problems.join('\n  - ')}\nSee the environment table in README.md.`,
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads one concern's variables from the environment into a validated class instance.
 * Property names are the variable names; defaults are the class's initialisers.
 * All problems are reported at once so a person can fix the environment in one go.
 */
export function loadConfig<T extends object>(concern: string, cls: new () => T, env: Env = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : coerceLike(defaults[key], value);
  }
  const instance = plainToInstance(cls, raw);
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = errors.map((e) => {
      const value = (e.value === undefined ? 'unset' : `"${String(e.value)}"`) as string;
      const secret = /SECRET|PASSWORD/.test(e.property) ? 'set' : value;
      return `${e.property} (${secret}): ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(concern, problems);
  }
  return instance;
}

/** Env values are strings; the default's type says what the string should become. */
function coerceLike(example: unknown, value: string): unknown {
  if (typeof example === 'number') return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof example === 'boolean') {
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
  }
  return value;
}

/** A Nest config namespace for one concern, validated when the module loads. */
export function configNamespace<T extends object>(concern: string, cls: new () => T) {
  return registerAs(concern, () => loadConfig(concern, cls));
}
