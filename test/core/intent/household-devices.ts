// A household the intent tests talk to: English and Chinese names, two lights in one room (for
// ambiguity), an alias, sensors and the sensitive kinds (lock, garage door).
import type { IntentDevice } from '../../../src/core/intent/intent-types';

export const HOUSEHOLD: readonly IntentDevice[] = [
  { id: 'light.kitchen', name: 'Kitchen Light', domain: 'light', area: 'Kitchen' },
  { id: 'light.bedroom', name: 'Bedroom Lamp', domain: 'light', area: 'Bedroom', aliases: ['bedside lamp'] },
  { id: 'light.living_ceiling', name: 'Living Room Ceiling Light', domain: 'light', area: 'Living Room' },
  { id: 'light.living_floor', name: 'Living Room Floor Lamp', domain: 'light', area: 'Living Room' },
  { id: 'light.porch', name: 'Porch Light', domain: 'light', area: 'Garden', aliases: ['big lamp'] },
  { id: 'switch.kettle', name: 'Kettle Plug', domain: 'switch', area: 'Kitchen' },
  { id: 'fan.office', name: 'Office Fan', domain: 'fan', area: 'Office' },
  { id: 'lock.front_door', name: 'Front Door', domain: 'lock', area: 'Hallway' },
  { id: 'lock.back_door', name: 'Back Door', domain: 'lock', area: 'Kitchen' },
  { id: 'cover.garage', name: 'Garage Door', domain: 'cover', area: 'Garage' },
  { id: 'cover.bedroom_blinds', name: 'Bedroom Blinds', domain: 'cover', area: 'Bedroom' },
  {
    id: 'sensor.living_temperature',
    name: 'Living Room Thermometer',
    domain: 'sensor',
    area: 'Living Room',
    deviceClass: 'temperature',
  },
  { id: 'sensor.bathroom_humidity', name: 'Bathroom Humidity', domain: 'sensor', area: 'Bathroom', deviceClass: 'humidity' },
  { id: 'light.keting', name: '客厅灯', domain: 'light', area: '客厅' },
  { id: 'light.chufang', name: '厨房灯', domain: 'light', area: '厨房' },
  { id: 'light.woshi_ding', name: '卧室吸顶灯', domain: 'light', area: '卧室' },
  { id: 'light.woshi_chuangtou', name: '床头灯', domain: 'light', area: '卧室', aliases: ['台灯'] },
  { id: 'switch.reshuiqi', name: '热水器插座', domain: 'switch', area: '卫生间' },
  { id: 'fan.keting', name: '客厅风扇', domain: 'fan', area: '客厅' },
  { id: 'cover.keting', name: '客厅窗帘', domain: 'cover', area: '客厅' },
  { id: 'lock.damen', name: '大门', domain: 'lock', area: '门厅', aliases: ['前门'] },
  { id: 'sensor.keting_wendu', name: '客厅温度计', domain: 'sensor', area: '客厅', deviceClass: 'temperature' },
  { id: 'sensor.woshi_wendu', name: '卧室温度', domain: 'sensor', area: '卧室', deviceClass: 'temperature' },
  { id: 'climate.shufang', name: '书房空调', domain: 'climate', area: '书房' },
];
