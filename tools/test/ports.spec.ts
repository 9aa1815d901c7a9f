import net from 'node:net';
import { freePorts, isPortFree, preferredOrFreePort } from '../lib/ports';

describe('ports', () => {
  let server: net.Server;
  let taken: number;

  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    taken = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sees a bound port as taken', async () => {
    expect(await isPortFree(taken)).toBe(false);
  });

  it('keeps the preferred port when free and picks another when not', async () => {
    const other = await preferredOrFreePort(taken);
    expect(other).not.toBe(taken);
    expect(await isPortFree(other)).toBe(true);
    expect(await preferredOrFreePort(other)).toBe(other);
  });

  it('hands out different ports, none of them taken', async () => {
    const picked = await freePorts(25);

    expect(new Set(picked).size).toBe(25);
    expect(picked).not.toContain(taken);
  });
});
