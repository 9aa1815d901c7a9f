// The app supervisor of `npm start` with real child processes and real HTTP: health
// waits, failures that name the app with its last lines, and a stop that leaves nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Supervisor } from '../lib/supervisor';
import { ephemeralPort } from '../lib/ports';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkway-supervisor-'));
const script = (name: string, body: string) => {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, body);
  return file;
};

const healthyAfter = script(
  'healthy',
  `const http = require('node:http');
   console.log(JSON.stringify({ msg: 'booting' }));
   setTimeout(() => http.createServer((q, r) => r.end('ok')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening')), 300);
   process.on('SIGTERM', () => { console.log('draining'); setTimeout(() => process.exit(0), 50); });`,
);
const crashes = script('crash', `console.log('connecting to postgres'); console.error('ECONNREFUSED 127.0.0.1:5432'); process.exit(3);`);
const stubborn = script('stubborn', `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); setInterval(() => undefined, 1000); console.log('up');`);

describe(Supervisor.name, () => {
  let output: string;
  let sut: InstanceType<typeof Supervisor>;
  const sink = () =>
    new Writable({
      write(chunk, _enc, done) {
        output += chunk.toString();
        done();
      },
    });

  beforeEach(() => {
    output = '';
    sut = new Supervisor({ out: sink() });
  });
  afterEach(() => sut.stopAll(500));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prefixes each log line with the app label and waits for /health', async () => {
    const port = await ephemeralPort();
    const app = sut.start('hub1/casework', [healthyAfter], { ...process.env, PORT: String(port) });

    await sut.waitHealthy(app, `http://127.0.0.1:${port}/health`, 10_000);

    expect(output).toContain('[hub1/casework] {"msg":"booting"}');
    expect(output).toContain('[hub1/casework] listening');
  });

  it('fails naming the app and its last log lines when it exits before it is healthy', async () => {
    const app = sut.start('hub2/outcomes', [crashes], process.env);

    await expect(sut.waitHealthy(app, 'http://127.0.0.1:9/health', 10_000)).rejects.toThrow(
      /hub2\/outcomes exited \(code 3\) before .* answered\. Its last log lines:\n {2}connecting to postgres\n {2}ECONNREFUSED/,
    );
  });

  it('fails with the last answer when health never comes', async () => {
    const port = await ephemeralPort();
    const app = sut.start('ics/federation', [stubborn], process.env);

    await expect(sut.waitHealthy(app, `http://127.0.0.1:${port}/health`, 1_500)).rejects.toThrow(/ics\/federation did not answer GET .* within 2 s \(last: ECONNREFUSED\)/);
  });

  it('stops every app, killing one that ignores SIGTERM after the grace period', async () => {
    const port = await ephemeralPort();
    const a = sut.start('hub1/gateway', [healthyAfter], { ...process.env, PORT: String(port) });
    const b = sut.start('hub1/stubborn', [stubborn], process.env);
    await sut.waitHealthy(a, `http://127.0.0.1:${port}/health`, 10_000);

    await sut.stopAll(500);

    expect(a.exit).toEqual({ code: 0, signal: null });
    expect(b.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(output).toContain('[hub1/gateway] draining');
    expect(output).toContain('[hub1/stubborn] did not stop within 0.5 s: killing');
  });
});
