import { describe, expect, it } from 'vitest';
import { buildCsp, HUB_ORIGINS } from '../../src/core/csp';

const connectSrc = (csp: string) => csp.split('; ').find((d) => d.startsWith('connect-src '))!.split(' ').slice(1);

describe('content security policy', () => {
  it('lets the default source reach MLC\'s GitHub host for WebLLM model libraries', () => {
    expect(HUB_ORIGINS).toContain('https://raw.githubusercontent.com');
    expect(connectSrc(buildCsp({ modelOrigins: HUB_ORIGINS, deviceOrigins: [] }))).toContain('https://raw.githubusercontent.com');
  });

  it('allows only the mirror when a mirror replaces the hub', () => {
    const connect = connectSrc(buildCsp({ modelOrigins: ['https://mirror.example'], deviceOrigins: [] }));
    expect(connect).toEqual(["'self'", 'https://mirror.example']);
  });

  it('drops anything that is not an origin', () => {
    const connect = connectSrc(buildCsp({ modelOrigins: ['https://ok.example', "https://x.example; script-src 'unsafe-inline'"], deviceOrigins: [] }));
    expect(connect).toEqual(["'self'", 'https://ok.example']);
  });
});
