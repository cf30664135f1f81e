import { describe, expect, it } from 'vitest';
import { buildCsp, connectSources, HUB_ORIGINS, policyAllowsConnect } from '../../src/core/csp';

const connectSrc = (csp: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith('connect-src '))!
    .split(' ')
    .slice(1);

describe('content security policy', () => {
  it("lets the default source reach MLC's GitHub host for WebLLM model libraries", () => {
    expect(HUB_ORIGINS).toContain('https://raw.githubusercontent.com');
    expect(connectSrc(buildCsp({ modelOrigins: HUB_ORIGINS, deviceOrigins: [] }))).toContain('https://raw.githubusercontent.com');
  });

  it('allows only the mirror when a mirror replaces the hub', () => {
    const connect = connectSrc(buildCsp({ modelOrigins: ['https://mirror.example'], deviceOrigins: [] }));
    expect(connect).toEqual(["'self'", 'https://mirror.example']);
  });

  it('drops anything that is not an origin', () => {
    const connect = connectSrc(
      buildCsp({ modelOrigins: ['https://ok.example', "https://x.example; script-src 'unsafe-inline'"], deviceOrigins: [] }),
    );
    expect(connect).toEqual(["'self'", 'https://ok.example']);
  });
});

describe('policyAllowsConnect', () => {
  const app = 'http://localhost:4173';
  const hubPolicy = buildCsp({ modelOrigins: HUB_ORIGINS, deviceOrigins: [] });

  it("refuses a mirror the page's policy does not name, and allows it once it does", () => {
    const mirror = 'http://127.0.0.1:9000/org/repo/resolve/main/model.onnx';
    expect(policyAllowsConnect(hubPolicy, mirror, app)).toBe(false);
    expect(policyAllowsConnect(hubPolicy, 'https://huggingface.co/org/repo/resolve/main/x', app)).toBe(true);
    expect(policyAllowsConnect(buildCsp({ modelOrigins: ['http://127.0.0.1:9000'], deviceOrigins: [] }), mirror, app)).toBe(true);
  });

  it("matches 'self' by origin, port included", () => {
    expect(policyAllowsConnect(hubPolicy, `${app}/icons/icon.svg`, app)).toBe(true);
    expect(policyAllowsConnect(hubPolicy, 'http://localhost:4174/x', app)).toBe(false);
  });

  it("falls back to default-src, reads 'none', '*' and schemes, and allows everything without a policy", () => {
    expect(connectSources("default-src 'self'; img-src *")).toEqual(["'self'"]);
    expect(policyAllowsConnect("default-src 'none'", `${app}/x`, app)).toBe(false);
    expect(policyAllowsConnect('connect-src *', 'https://any.example/x', app)).toBe(true);
    expect(policyAllowsConnect('connect-src https:', 'https://any.example/x', app)).toBe(true);
    expect(policyAllowsConnect('connect-src https:', 'http://any.example/x', app)).toBe(false);
    expect(policyAllowsConnect("script-src 'self'", 'https://any.example/x', app)).toBe(true);
  });
});
