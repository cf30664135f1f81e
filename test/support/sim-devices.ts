// Simulated home devices on a real broker, behaving like firmware that speaks Home Assistant MQTT
// discovery: on connect each publishes its discovery config, availability and state (retained),
// with a last will that marks it offline; it obeys the payloads it declared on its command topics
// and reports its new state; it announces itself again when Home Assistant (or Hearth) says
// `homeassistant/status online`, and after every reconnect.
import mqtt, { type MqttClient } from 'mqtt';

export interface BrokerLogin {
  tcpUrl: string;
  username: string;
  password: string;
}

export interface ReceivedCommand {
  topic: string;
  payload: string;
}

interface SimDevice {
  discoveryTopic: string;
  config: Record<string, unknown>;
  availabilityTopic: string;
  /** Topic → retained state payload, as it is now. */
  states(): [string, string][];
  /** Applies a command payload; returns false for one the device does not understand. */
  command(topic: string, payload: string): boolean;
  commandTopics: string[];
}

export interface SimLight {
  on: boolean;
  /** 0–255 */
  brightness: number;
}

/** The six devices the tests use; their state is public so a test can "flip a switch by hand". */
export class SimulatedHome {
  readonly light: SimLight = { on: false, brightness: 0 };
  readonly coffee = { on: false };
  readonly bedroomLamp: SimLight = { on: true, brightness: 255 };
  readonly frontDoor = { state: 'locked' as 'locked' | 'unlocked' };
  readonly livingRoom = { temperature: 21.5, humidity: 40 };
  readonly garage = { state: 'closed' as 'open' | 'closed' | 'opening' | 'closing' | 'stopped', position: 0 };
  readonly commands: ReceivedCommand[] = [];
  private client: MqttClient | undefined;
  private readonly devices: SimDevice[];
  private readonly waiters: { match: (command: ReceivedCommand) => boolean; resolve: () => void }[] = [];

  constructor(readonly prefix = 'homeassistant') {
    this.devices = [
      this.lightDevice(),
      this.coffeeDevice(),
      this.lockDevice(),
      this.sensorDevice(),
      this.garageDevice(),
      this.jsonLampDevice(),
    ];
  }

  /** Unique ids of the devices, as the connector should discover them. */
  static readonly ids = [
    'sim-kitchen-ceiling',
    'sim-coffee',
    'sim-front-door',
    'sim-living-temp',
    'sim-garage',
    'sim-bedroom-lamp',
  ];

  async connect(login: BrokerLogin): Promise<void> {
    const willTopics = this.devices.map((device) => device.availabilityTopic);
    // All six share one connection (like a hub); the will marks the hub's availability topic.
    const client = mqtt.connect(login.tcpUrl, {
      username: login.username,
      password: login.password,
      reconnectPeriod: 200,
      will: { topic: willTopics[0]!, payload: Buffer.from('offline'), retain: true, qos: 1 },
    });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload.toString()));
    client.on('connect', () => {
      client.subscribe([...this.devices.flatMap((device) => device.commandTopics), `${this.prefix}/status`], { qos: 1 });
      this.announce();
    });
    client.on('error', () => {}); // reconnects on its own; tests watch the app's side
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  }

  /** Discovery, availability and state of every device, retained. */
  announce(): void {
    for (const device of this.devices) {
      this.publish(device.discoveryTopic, JSON.stringify(device.config));
      this.publish(device.availabilityTopic, 'online');
      for (const [topic, payload] of device.states()) this.publish(topic, payload);
    }
  }

  /** Publishes the current state of every device again (after a test changed it "by hand"). */
  reportStates(): void {
    for (const device of this.devices) for (const [topic, payload] of device.states()) this.publish(topic, payload);
  }

  /** Resolves when a command arrives that matches (or already arrived). */
  waitForCommand(match: (command: ReceivedCommand) => boolean): Promise<void> {
    if (this.commands.some(match)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  async close(): Promise<void> {
    await this.client?.endAsync(true);
  }

  private publish(topic: string, payload: string): void {
    this.client?.publish(topic, payload, { retain: true, qos: 1 });
  }

  private onMessage(topic: string, payload: string): void {
    if (topic === `${this.prefix}/status`) {
      if (payload === 'online') this.announce();
      return;
    }
    const command = { topic, payload };
    this.commands.push(command);
    for (const device of this.devices) {
      if (!device.commandTopics.includes(topic)) continue;
      if (device.command(topic, payload)) for (const [stateTopic, state] of device.states()) this.publish(stateTopic, state);
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.match(command)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private lightDevice(): SimDevice {
    // Written the compact way real firmware does: short keys and a ~ base topic.
    const base = 'sim/kitchen_ceiling';
    return {
      discoveryTopic: `${this.prefix}/light/sim/kitchen_ceiling/config`,
      config: {
        '~': base,
        name: 'Ceiling light',
        uniq_id: 'sim-kitchen-ceiling',
        cmd_t: '~/set',
        stat_t: '~/state',
        bri_cmd_t: '~/brightness/set',
        bri_stat_t: '~/brightness',
        avty_t: '~/status',
        dev: { ids: ['sim-kc'], name: 'Kitchen ceiling', sa: 'Kitchen', mf: 'Hearth test' },
      },
      availabilityTopic: `${base}/status`,
      commandTopics: [`${base}/set`, `${base}/brightness/set`],
      states: () => [
        [`${base}/state`, this.light.on ? 'ON' : 'OFF'],
        [`${base}/brightness`, String(this.light.brightness)],
      ],
      command: (topic, payload) => {
        if (topic.endsWith('/brightness/set')) {
          const level = Number(payload);
          if (!Number.isInteger(level) || level < 0 || level > 255) return false;
          this.light.brightness = level;
          return true;
        }
        if (payload !== 'ON' && payload !== 'OFF') return false;
        this.light.on = payload === 'ON';
        return true;
      },
    };
  }

  /** A light in the JSON schema: one command topic taking {"state","brightness"}, JSON state. */
  private jsonLampDevice(): SimDevice {
    const base = 'sim/bedroom_lamp';
    return {
      discoveryTopic: `${this.prefix}/light/bedroom_lamp/config`,
      config: {
        schema: 'json',
        name: null,
        uniq_id: 'sim-bedroom-lamp',
        cmd_t: `${base}/set`,
        stat_t: base,
        sup_clrm: ['brightness'],
        avty_t: 'sim/kitchen_ceiling/status',
        dev: { ids: ['sim-lamp'], name: 'Bedroom lamp' },
      },
      availabilityTopic: 'sim/kitchen_ceiling/status',
      commandTopics: [`${base}/set`],
      states: () => [
        [base, JSON.stringify({ state: this.bedroomLamp.on ? 'ON' : 'OFF', brightness: this.bedroomLamp.brightness })],
      ],
      command: (_topic, payload) => {
        let body: { state?: unknown; brightness?: unknown };
        try {
          body = JSON.parse(payload);
        } catch {
          return false;
        }
        if (body.state !== 'ON' && body.state !== 'OFF') return false;
        this.bedroomLamp.on = body.state === 'ON';
        if (typeof body.brightness === 'number') this.bedroomLamp.brightness = body.brightness;
        return true;
      },
    };
  }

  private coffeeDevice(): SimDevice {
    return {
      discoveryTopic: `${this.prefix}/switch/coffee/config`,
      config: {
        name: 'Coffee maker',
        unique_id: 'sim-coffee',
        command_topic: 'sim/coffee/set',
        state_topic: 'sim/coffee/state',
        payload_on: 'brew',
        payload_off: 'idle',
        availability_topic: 'sim/kitchen_ceiling/status',
        device: { identifiers: ['sim-coffee'], name: 'Coffee maker', suggested_area: 'Kitchen' },
      },
      availabilityTopic: 'sim/kitchen_ceiling/status',
      commandTopics: ['sim/coffee/set'],
      states: () => [['sim/coffee/state', this.coffee.on ? 'brew' : 'idle']],
      command: (_topic, payload) => {
        if (payload !== 'brew' && payload !== 'idle') return false;
        this.coffee.on = payload === 'brew';
        return true;
      },
    };
  }

  private lockDevice(): SimDevice {
    return {
      discoveryTopic: `${this.prefix}/lock/front_door/config`,
      config: {
        name: 'Front door',
        uniq_id: 'sim-front-door',
        cmd_t: 'sim/front_door/set',
        stat_t: 'sim/front_door/state',
        pl_lock: 'LOCK_IT',
        pl_unlk: 'UNLOCK_IT',
        stat_locked: 'is_locked',
        stat_unlocked: 'is_unlocked',
        avty: [{ t: 'sim/kitchen_ceiling/status' }],
        dev: { ids: 'sim-door', name: 'Front door', sa: 'Hallway' },
      },
      availabilityTopic: 'sim/kitchen_ceiling/status',
      commandTopics: ['sim/front_door/set'],
      states: () => [['sim/front_door/state', this.frontDoor.state === 'locked' ? 'is_locked' : 'is_unlocked']],
      command: (_topic, payload) => {
        if (payload === 'LOCK_IT') this.frontDoor.state = 'locked';
        else if (payload === 'UNLOCK_IT') this.frontDoor.state = 'unlocked';
        else return false;
        return true;
      },
    };
  }

  private sensorDevice(): SimDevice {
    return {
      discoveryTopic: `${this.prefix}/sensor/living/temperature/config`,
      config: {
        name: 'Temperature',
        uniq_id: 'sim-living-temp',
        stat_t: 'sim/living/climate',
        val_tpl: '{{ value_json.temperature }}',
        unit_of_meas: '°C',
        dev_cla: 'temperature',
        avty_t: 'sim/kitchen_ceiling/status',
        dev: { ids: ['sim-living'], name: 'Living room sensor' },
      },
      availabilityTopic: 'sim/kitchen_ceiling/status',
      commandTopics: [],
      states: () => [['sim/living/climate', JSON.stringify(this.livingRoom)]],
      command: () => false,
    };
  }

  private garageDevice(): SimDevice {
    return {
      discoveryTopic: `${this.prefix}/cover/garage/config`,
      config: {
        name: 'Garage door',
        uniq_id: 'sim-garage',
        dev_cla: 'garage',
        cmd_t: 'sim/garage/set',
        stat_t: 'sim/garage/state',
        pos_t: 'sim/garage/position',
        set_pos_t: 'sim/garage/position/set',
        pl_open: 'UP',
        pl_cls: 'DOWN',
        pl_stop: 'HALT',
        avty_t: 'sim/kitchen_ceiling/status',
        dev: { ids: ['sim-garage'], name: 'Garage door', sa: 'Garage' },
      },
      availabilityTopic: 'sim/kitchen_ceiling/status',
      commandTopics: ['sim/garage/set', 'sim/garage/position/set'],
      states: () => [
        ['sim/garage/state', this.garage.state],
        ['sim/garage/position', String(this.garage.position)],
      ],
      command: (topic, payload) => {
        // The door moves at once here: the test waits for the end state, not for a motor.
        if (topic.endsWith('/position/set')) {
          const position = Number(payload);
          if (!Number.isFinite(position) || position < 0 || position > 100) return false;
          this.garage.position = position;
          this.garage.state = position > 0 ? 'open' : 'closed';
        } else if (payload === 'UP') Object.assign(this.garage, { state: 'open', position: 100 });
        else if (payload === 'DOWN') Object.assign(this.garage, { state: 'closed', position: 0 });
        else if (payload === 'HALT') this.garage.state = 'stopped';
        else return false;
        return true;
      },
    };
  }
}

/** Publishes `count` switches (discovery, availability, state; retained) for the scale test. */
export async function publishManySwitches(login: BrokerLogin, count: number, prefix = 'homeassistant'): Promise<void> {
  const client = await mqtt.connectAsync(login.tcpUrl, { username: login.username, password: login.password });
  const publishes: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const base = `bulk/switch_${i}`;
    const config = {
      name: `Bulk switch ${i}`,
      uniq_id: `bulk-${i}`,
      '~': base,
      cmd_t: '~/set',
      stat_t: '~/state',
      avty_t: '~/status',
      dev: { ids: [`bulk-dev-${i}`], name: `Bulk switch ${i}`, sa: `Room ${i % 20}` },
    };
    publishes.push(client.publishAsync(`${prefix}/switch/bulk/s${i}/config`, JSON.stringify(config), { retain: true, qos: 1 }));
    publishes.push(client.publishAsync(`${base}/status`, 'online', { retain: true, qos: 1 }));
    publishes.push(client.publishAsync(`${base}/state`, i % 2 === 0 ? 'ON' : 'OFF', { retain: true, qos: 1 }));
  }
  await Promise.all(publishes);
  await client.endAsync();
}
