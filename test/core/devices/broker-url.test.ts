import { describe, expect, it } from 'vitest';
import { checkBrokerUrl, isLoopbackHost } from '../../../src/core/devices/broker-url';

describe('checkBrokerUrl', () => {
  it('accepts ws and wss with host, port and path', () => {
    expect(checkBrokerUrl(' ws://127.0.0.1:9001 ')).toEqual({
      ok: true,
      url: 'ws://127.0.0.1:9001',
      secure: false,
      host: '127.0.0.1',
      port: 9001,
    });
    expect(checkBrokerUrl('wss://broker.example/mqtt')).toMatchObject({ ok: true, secure: true, port: 443 });
    expect(checkBrokerUrl('ws://[::1]:8083')).toMatchObject({ ok: true, host: '[::1]' });
  });

  it('refuses a plain ws:// broker on another machine from an https page (mixed content)', () => {
    const result = checkBrokerUrl('ws://192.168.1.10:9001', 'https:');
    expect(result).toMatchObject({ ok: false, code: 'mixed-content' });
    if (!result.ok) expect(result.reason).toContain('wss://');
    expect(checkBrokerUrl('ws://192.168.1.10:9001', 'http:').ok).toBe(true);
    expect(checkBrokerUrl('wss://192.168.1.10:8884', 'https:').ok).toBe(true);
    expect(checkBrokerUrl('ws://localhost:9001', 'https:').ok).toBe(true);
  });

  it('explains that browsers need WebSockets', () => {
    expect(checkBrokerUrl('mqtt://broker:1883')).toMatchObject({ ok: false, code: 'not-websocket' });
    expect(checkBrokerUrl('https://broker:8884')).toMatchObject({
      ok: false,
      code: 'not-websocket',
      reason: expect.stringContaining('wss://'),
    });
    expect(checkBrokerUrl('broker:1883')).toMatchObject({ ok: false, code: 'invalid-url' });
    expect(checkBrokerUrl('ws://broker:70000')).toMatchObject({ ok: false, code: 'invalid-url' });
    expect(checkBrokerUrl('')).toMatchObject({ ok: false, code: 'invalid-url' });
  });

  it('knows loopback names', () => {
    expect(['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['192.168.1.2', 'localhost.example', '[::2]'].some(isLoopbackHost)).toBe(false);
  });
});
