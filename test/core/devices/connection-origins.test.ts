import { describe, expect, it } from 'vitest';
import { connectionOrigins, deviceOriginsAfter } from '../../../src/core/devices/connection-origins';
import { buildCsp, policyAllowsConnect } from '../../../src/core/csp';

describe('connectionOrigins', () => {
  it('admits a broker by its WebSockets origin, path and default port left out', () => {
    expect(connectionOrigins('mqtt', 'ws://127.0.0.1:9001/mqtt')).toEqual({ ok: true, origins: ['ws://127.0.0.1:9001'] });
    expect(connectionOrigins('mqtt', ' wss://Broker.example:443/mqtt ')).toEqual({ ok: true, origins: ['wss://broker.example'] });
    expect(connectionOrigins('mqtt', 'ws://[::1]:8083')).toEqual({ ok: true, origins: ['ws://[::1]:8083'] });
  });

  it('refuses what a browser cannot reach as a broker, with the reason', () => {
    expect(connectionOrigins('mqtt', 'mqtt://192.168.1.2:1883')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('WebSockets'),
    });
    expect(connectionOrigins('mqtt', 'http://192.168.1.2:9001')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ws://'),
    });
    expect(connectionOrigins('mqtt', 'not an address')).toMatchObject({ ok: false });
  });

  it('admits Home Assistant over http(s) and its WebSocket on the same host and port', () => {
    expect(connectionOrigins('home-assistant', 'http://homeassistant.local:8123/')).toEqual({
      ok: true,
      origins: ['http://homeassistant.local:8123', 'ws://homeassistant.local:8123'],
    });
    expect(connectionOrigins('home-assistant', 'https://ha.example')).toEqual({
      ok: true,
      origins: ['https://ha.example', 'wss://ha.example'],
    });
    expect(connectionOrigins('home-assistant', 'ftp://ha.example')).toMatchObject({ ok: false });
  });

  it('gives origins the CSP keeps and that admit the connection', () => {
    const checked = connectionOrigins('home-assistant', 'http://10.0.0.5:8123');
    if (!checked.ok) throw new Error(checked.reason);
    const policy = buildCsp({ modelOrigins: [], deviceOrigins: checked.origins });
    expect(policyAllowsConnect(policy, 'ws://10.0.0.5:8123/api/websocket', 'http://localhost:4173')).toBe(true);
    expect(policyAllowsConnect(policy, 'http://10.0.0.5:8123/api/', 'http://localhost:4173')).toBe(true);
    expect(policyAllowsConnect(policy, 'ws://10.0.0.6:8123/api/websocket', 'http://localhost:4173')).toBe(false);
  });
});

describe('deviceOriginsAfter', () => {
  it('adds a new connection’s origins once and drops only what a removed connection alone used', () => {
    const a = ['ws://a:1'];
    const b = ['ws://b:1'];
    expect(deviceOriginsAfter(['ws://hand:1'], [a], [a, b])).toEqual(['ws://hand:1', 'ws://a:1', 'ws://b:1']);
    expect(deviceOriginsAfter(['ws://a:1', 'ws://b:1'], [a, b, a], [b, a])).toEqual(['ws://a:1', 'ws://b:1']);
    expect(deviceOriginsAfter(['ws://a:1', 'ws://b:1', 'ws://hand:1'], [a, b], [b])).toEqual(['ws://b:1', 'ws://hand:1']);
  });
});
