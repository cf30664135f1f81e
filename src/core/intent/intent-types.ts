// What the local intent matcher returns. `null` from the matcher means "not a command I know:
// send it to the language model".

export type IntentLanguage = 'en' | 'zh';

/** The kinds of device the matcher can address (Home Assistant's component names). */
export type DeviceDomain = 'light' | 'switch' | 'fan' | 'lock' | 'cover' | 'climate' | 'sensor' | 'binary_sensor';

/** A device as the caller knows it: enough to recognise it when a person names it. */
export interface IntentDevice {
  id: string;
  name: string;
  domain: DeviceDomain;
  area?: string;
  /** Other names the person uses for it ("big lamp", "大灯"). */
  aliases?: readonly string[];
  /** For sensors: what it measures (Home Assistant's device_class: temperature, humidity, door…). */
  deviceClass?: string;
}

export interface DeviceCandidate {
  id: string;
  name: string;
  area?: string;
}

export type IntentResult =
  /** A complete, validated call the app can run without the model. */
  | { kind: 'call'; language: IntentLanguage; tool: string; arguments: Record<string, unknown> }
  /** The command was understood but the device name fits several: ask which one. */
  | {
      kind: 'ambiguous';
      language: IntentLanguage;
      tool: string;
      arguments: Record<string, unknown>;
      spoken: string;
      candidates: DeviceCandidate[];
    }
  /** The command was understood but no device answers to that name (or none that can do it). */
  | { kind: 'no-such-device'; language: IntentLanguage; tool: string; spoken: string };
