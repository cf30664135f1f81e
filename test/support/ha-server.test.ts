// The protocol test server speaks Home Assistant's documented WebSocket API, checked here frame by
// frame with a raw socket (no client library), so the connector's tests rest on a faithful stand-in.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaTestServer } from './ha-server';

let server: HaTestServer;

beforeAll(async () => {
  server = await HaTestServer.start();
});

afterAll(async () => {
  await server?.close();
});

/** A raw socket that queues every frame it receives, parsed. */
async function rawClient(url: string) {
  const socket = new WebSocket(url);
  const inbox: Record<string, unknown>[] = [];
  const waiting: (() => void)[] = [];
  let closed = false;
  socket.on('message', (data) => {
    inbox.push(JSON.parse(data.toString()) as Record<string, unknown>);
    waiting.splice(0).forEach((wake) => wake());
  });
  socket.on('close', () => {
    closed = true;
    waiting.splice(0).forEach((wake) => wake());
  });
  const next = async (): Promise<Record<string, unknown>> => {
    while (inbox.length === 0) {
      if (closed) throw new Error('closed');
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    return inbox.shift()!;
  };
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  const isClosed = async () => {
    while (!closed) await new Promise<void>((resolve) => waiting.push(resolve));
    return true;
  };
  return { socket, next, send, isClosed };
}

async function authed() {
  const client = await rawClient(server.wsUrl);
  expect(await client.next()).toEqual({ type: 'auth_required', ha_version: server.haVersion });
  client.send({ type: 'auth', access_token: server.token });
  expect(await client.next()).toEqual({ type: 'auth_ok', ha_version: server.haVersion });
  return client;
}

describe('HaTestServer', () => {
  it('answers a wrong token with auth_invalid and closes', async () => {
    const client = await rawClient(server.wsUrl);
    await client.next();
    client.send({ type: 'auth', access_token: 'nope' });
    expect(await client.next()).toMatchObject({ type: 'auth_invalid', message: expect.any(String) });
    expect(await client.isClosed()).toBe(true);
  });

  it('answers commands with results, errors with codes, ping with pong', async () => {
    const client = await authed();
    client.send({ id: 1, type: 'ping' });
    expect(await client.next()).toEqual({ id: 1, type: 'pong' });
    client.send({ id: 2, type: 'get_states' });
    const states = await client.next();
    expect(states).toMatchObject({ id: 2, type: 'result', success: true });
    expect((states.result as unknown[]).length).toBeGreaterThan(5);
    client.send({ id: 3, type: 'no_such_command' });
    expect(await client.next()).toEqual({
      id: 3,
      type: 'result',
      success: false,
      error: { code: 'unknown_command', message: 'Unknown command.' },
    });
    client.send({ id: 3, type: 'ping' });
    expect(await client.next()).toMatchObject({ id: 3, success: false, error: { code: 'id_reuse' } });
    client.send({
      id: 4,
      type: 'call_service',
      domain: 'light',
      service: 'explode',
      target: { entity_id: 'light.reading_lamp' },
    });
    expect(await client.next()).toMatchObject({ id: 4, success: false, error: { code: 'not_found' } });
    client.send({ id: 5, type: 'call_service', domain: 'light', service: 'turn_on', target: { entity_id: 'light.nowhere' } });
    expect(await client.next()).toMatchObject({ id: 5, success: false, error: { code: 'service_validation_error' } });
    client.send({ id: 6, type: 'config/area_registry/list' });
    expect(await client.next()).toMatchObject({
      id: 6,
      success: true,
      result: expect.arrayContaining([expect.objectContaining({ area_id: 'kitchen' })]),
    });
    client.socket.close();
  });

  it('sends state_changed and subscribe_entities events for a service call, and stops after unsubscribing', async () => {
    const client = await authed();
    client.send({ id: 1, type: 'subscribe_events', event_type: 'state_changed' });
    expect(await client.next()).toEqual({ id: 1, type: 'result', success: true, result: null });
    client.send({ id: 2, type: 'subscribe_entities', entity_ids: ['switch.coffee_maker'] });
    expect(await client.next()).toMatchObject({ id: 2, success: true });
    expect(await client.next()).toMatchObject({
      id: 2,
      type: 'event',
      event: { a: { 'switch.coffee_maker': { s: expect.any(String) } } },
    });
    const target = server.state('switch.coffee_maker')!.state === 'on' ? 'turn_off' : 'turn_on';
    client.send({ id: 3, type: 'call_service', domain: 'switch', service: target, target: { entity_id: 'switch.coffee_maker' } });
    const frames = [await client.next(), await client.next(), await client.next()];
    const byKind = (kind: string) => frames.find((frame) => frame.id === (kind === 'events' ? 1 : kind === 'entities' ? 2 : 3));
    const expected = target === 'turn_on' ? 'on' : 'off';
    expect(byKind('events')).toMatchObject({
      type: 'event',
      event: { event_type: 'state_changed', data: { entity_id: 'switch.coffee_maker', new_state: { state: expected } } },
    });
    expect(byKind('entities')).toMatchObject({
      type: 'event',
      event: { c: { 'switch.coffee_maker': { '+': { s: expected } } } },
    });
    expect(byKind('result')).toMatchObject({ type: 'result', success: true, result: { context: { id: expect.any(String) } } });
    client.send({ id: 4, type: 'unsubscribe_events', subscription: 1 });
    expect(await client.next()).toMatchObject({ id: 4, success: true });
    client.send({ id: 5, type: 'unsubscribe_events', subscription: 1 });
    expect(await client.next()).toMatchObject({ id: 5, success: false, error: { code: 'not_found' } });
    client.socket.close();
  });
});
