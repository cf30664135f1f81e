import { describe, expect, it } from 'vitest';
import { checkHomeAssistantUrl } from '../../../src/core/devices/ha-url';

describe('checkHomeAssistantUrl', () => {
  it('derives the socket from the base address and the base from the socket', () => {
    expect(checkHomeAssistantUrl('http://homeassistant.local:8123/')).toEqual({
      ok: true,
      baseUrl: 'http://homeassistant.local:8123',
      wsUrl: 'ws://homeassistant.local:8123/api/websocket',
      host: 'homeassistant.local',
      secure: false,
    });
    expect(checkHomeAssistantUrl(' wss://home.example.com/api/websocket ')).toMatchObject({
      ok: true,
      baseUrl: 'https://home.example.com',
      wsUrl: 'wss://home.example.com/api/websocket',
      secure: true,
    });
  });

  it('keeps a path prefix (Home Assistant behind a reverse proxy)', () => {
    expect(checkHomeAssistantUrl('https://example.com/ha')).toMatchObject({
      baseUrl: 'https://example.com/ha',
      wsUrl: 'wss://example.com/ha/api/websocket',
    });
  });

  it('refuses what is not an address, another scheme, or a login in the address', () => {
    expect(checkHomeAssistantUrl('homeassistant.local:8123')).toMatchObject({ ok: false, code: 'invalid-url' });
    expect(checkHomeAssistantUrl('mqtt://192.168.1.2')).toMatchObject({ ok: false, code: 'invalid-url' });
    expect(checkHomeAssistantUrl('not a url')).toMatchObject({ ok: false, code: 'invalid-url' });
    expect(checkHomeAssistantUrl('http://me:secret@hass.local')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('access token'),
    });
  });

  it('refuses an unencrypted address to another machine from an https page, but not loopback', () => {
    expect(checkHomeAssistantUrl('http://192.168.1.20:8123', 'https:')).toMatchObject({ ok: false, code: 'mixed-content' });
    expect(checkHomeAssistantUrl('ws://hass.lan/api/websocket', 'https:')).toMatchObject({ ok: false, code: 'mixed-content' });
    expect(checkHomeAssistantUrl('http://127.0.0.1:8123', 'https:')).toMatchObject({ ok: true });
    expect(checkHomeAssistantUrl('http://localhost:8123', 'https:')).toMatchObject({ ok: true });
    expect(checkHomeAssistantUrl('https://hass.lan', 'https:')).toMatchObject({ ok: true });
    expect(checkHomeAssistantUrl('http://192.168.1.20:8123', 'http:')).toMatchObject({ ok: true });
  });
});
