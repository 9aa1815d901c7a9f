import { renderIcs, renderLeaf, renderTemplate, natsValue } from '../lib/nats-config';
import { hubPorts, ICS_LEAF_PORT } from '../lib/layout';

describe('nats-config', () => {
  it('renders a hub leaf with its own domain, server name, store and ICS remote', () => {
    const sut = renderLeaf({ hub: 'hub2', storeDir: '/data/nats/hub2' });

    expect(sut).toMatch(/^server_name: "linkway-hub2"$/m);
    expect(sut).toMatch(/^port: 4302$/m);
    expect(sut).toMatch(/^\s+domain: "hub2"$/m);
    expect(sut).toMatch(/^\s+store_dir: "\/data\/nats\/hub2"$/m);
    expect(sut).toContain(`urls: [ "nats-leaf://127.0.0.1:${ICS_LEAF_PORT}" ]`);
    expect(sut.replace(/#.*$/gm, '')).not.toMatch(/\$NATS_/);
  });

  it('renders the ICS with domain ics and a leafnode listener', () => {
    const sut = renderIcs({ storeDir: '/data/nats/ics' });

    expect(sut).toMatch(/^\s+domain: ics$/m);
    expect(sut).toMatch(/leafnodes \{\s+host: "127.0.0.1"\s+port: 7422/);
    expect(sut).toMatch(/^server_name: "linkway-ics"$/m);
  });

  it('gives each hub different client and monitoring ports', () => {
    const ports = [1, 2, 3].flatMap((n) => [hubPorts(n).natsClient, hubPorts(n).natsHttp]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('refuses a template variable it has no value for', () => {
    expect(() => renderTemplate('port: $NATS_PORT\nx: $NATS_MISSING', { NATS_PORT: 1 })).toThrow('NATS_MISSING');
  });

  it('quotes strings and leaves numbers bare', () => {
    expect(natsValue(4222)).toBe('4222');
    expect(natsValue('nats-leaf://ics:7422')).toBe('"nats-leaf://ics:7422"');
  });
});
