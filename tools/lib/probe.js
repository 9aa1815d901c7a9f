// Protocol-level checks: an open port is not enough (another program may hold 5432),
// so each check speaks a few bytes of the real protocol before we trust a server.
'use strict';
const net = require('node:net');

const DEFAULT_TIMEOUT_MS = 1500;

/** Resolves when a TCP connection to host:port succeeds; rejects otherwise. */
function tcpConnect(host, port, timeoutMs = DEFAULT_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => fail(new Error(`timed out connecting to ${host}:${port}`)), timeoutMs);
    function fail(error) {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    }
    socket.once('error', fail);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
  });
}

/** Sends `request` (if any) and resolves with the bytes read until `done(buffer)` is true. */
async function exchange(host, port, request, done, timeoutMs = DEFAULT_TIMEOUT_MS) {
  const socket = await tcpConnect(host, port, timeoutMs);
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => finish(new Error(`no answer from ${host}:${port}`)), timeoutMs);
    function finish(error, value) {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value);
    }
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (done(buffer)) finish(null, buffer);
    });
    socket.once('error', finish);
    socket.once('close', () => finish(new Error(`${host}:${port} closed the connection`)));
    if (request) socket.write(request);
  });
}

/** NATS greets every client with `INFO {json}`; returns that JSON (server_name, domain, jetstream...). */
async function natsInfo(url, timeoutMs) {
  const { hostname, port } = new URL(url.split(',')[0]);
  const text = await exchange(hostname, Number(port || 4222), null, (b) => b.includes('\r\n'), timeoutMs);
  const line = text.split('\r\n')[0];
  if (!line.startsWith('INFO ')) throw new Error(`${hostname}:${port} is not a NATS server (said "${line.slice(0, 40)}")`);
  return JSON.parse(line.slice(5));
}

/** Redis answers an inline PING with +PONG (or -NOAUTH/-ERR, which still proves it is Redis). */
async function redisPing(url, timeoutMs) {
  const { hostname, port, password, username } = new URL(url);
  const auth = password ? `AUTH ${username ? decodeURIComponent(username) + ' ' : ''}${decodeURIComponent(password)}\r\n` : '';
  const want = auth ? 2 : 1;
  const text = await exchange(hostname, Number(port || 6379), `${auth}PING\r\n`, (b) => b.split('\r\n').length > want, timeoutMs);
  const lines = text.split('\r\n').filter(Boolean);
  const last = lines[lines.length - 1];
  if (last !== '+PONG') throw new Error(`${hostname}:${port} did not answer PING with PONG (said "${last.slice(0, 60)}")`);
  return true;
}

/** Runs `SELECT 1` through the `pg` driver, the same client the services use. */
async function postgresSelect1(url, timeoutMs = 3000) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    // The server answered and only the database is missing: the apps create their own.
    if (error && error.code === '3D000') return true;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const CHECKS = { postgres: postgresSelect1, redis: redisPing, nats: natsInfo };

/** Returns null when `url` answers as `kind`, else the reason it does not. */
async function whyNot(kind, url, timeoutMs) {
  try {
    await CHECKS[kind](url, timeoutMs);
    return null;
  } catch (error) {
    return error.message || String(error);
  }
}

module.exports = { tcpConnect, natsInfo, redisPing, postgresSelect1, whyNot };
