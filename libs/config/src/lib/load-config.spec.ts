import { DatabaseConfig, HttpConfig, NatsConfig } from './concerns';
import { ConfigError, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  it('applies defaults and converts types from strings', () => {
    const sut = loadConfig('http', HttpConfig, { PORT: '3001' });
    expect(sut.PORT).toBe(3001);
    expect(sut.HOST).toBe('127.0.0.1');
  });

  it('reads booleans the way people write them in env files', () => {
    expect(loadConfig('database', DatabaseConfig, { DB_MIGRATE_ON_START: 'false' }).DB_MIGRATE_ON_START).toBe(
      false,
    );
  });

  it('names every bad variable and why, in one error', () => {
    let error: unknown;
    try {
      loadConfig('nats', NatsConfig, { NATS_URL: 'http://x', NATS_REQUEST_TIMEOUT_MS: '5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('NATS_URL ("http://x"): must be one or more nats:// URLs');
    expect(message).toContain('NATS_REQUEST_TIMEOUT_MS ("5")');
  });
});
