// Discovery configs may use Home Assistant's documented short keys (`stat_t` for `state_topic`) to
// keep payloads small, and a `~` base topic that other topics start or end with. Both are expanded
// here before a config is read, so the readers only ever see full names. The table covers the keys
// of the components Hearth reads (and a few common others); an unknown short key is left as it is and
// so ignored like any other key Hearth does not use.

const TOP_LEVEL: Record<string, string> = {
  act_t: 'action_topic',
  act_tpl: 'action_template',
  avty: 'availability',
  avty_mode: 'availability_mode',
  avty_t: 'availability_topic',
  avty_tpl: 'availability_template',
  bri: 'brightness',
  bri_cmd_t: 'brightness_command_topic',
  bri_cmd_tpl: 'brightness_command_template',
  bri_scl: 'brightness_scale',
  bri_stat_t: 'brightness_state_topic',
  bri_val_tpl: 'brightness_value_template',
  cmd_t: 'command_topic',
  cmd_tpl: 'command_template',
  curr_temp_t: 'current_temperature_topic',
  curr_temp_tpl: 'current_temperature_template',
  dev: 'device',
  dev_cla: 'device_class',
  e: 'encoding',
  en: 'enabled_by_default',
  ent_cat: 'entity_category',
  exp_aft: 'expire_after',
  frc_upd: 'force_update',
  ic: 'icon',
  json_attr_t: 'json_attributes_topic',
  json_attr_tpl: 'json_attributes_template',
  max_temp: 'max_temp',
  min_temp: 'min_temp',
  mode_cmd_t: 'mode_command_topic',
  mode_cmd_tpl: 'mode_command_template',
  mode_stat_t: 'mode_state_topic',
  mode_stat_tpl: 'mode_state_template',
  o: 'origin',
  obj_id: 'object_id',
  on_cmd_type: 'on_command_type',
  opt: 'optimistic',
  pct_cmd_t: 'percentage_command_topic',
  pct_cmd_tpl: 'percentage_command_template',
  pct_stat_t: 'percentage_state_topic',
  pct_val_tpl: 'percentage_value_template',
  pl_arm_away: 'payload_arm_away',
  pl_arm_home: 'payload_arm_home',
  pl_arm_nite: 'payload_arm_night',
  pl_avail: 'payload_available',
  pl_cls: 'payload_close',
  pl_disarm: 'payload_disarm',
  pl_lock: 'payload_lock',
  pl_not_avail: 'payload_not_available',
  pl_off: 'payload_off',
  pl_on: 'payload_on',
  pl_open: 'payload_open',
  pl_stop: 'payload_stop',
  pl_unlk: 'payload_unlock',
  pos_clsd: 'position_closed',
  pos_open: 'position_open',
  pos_t: 'position_topic',
  pos_tpl: 'position_template',
  pr_mode_cmd_t: 'preset_mode_command_topic',
  pr_mode_stat_t: 'preset_mode_state_topic',
  pr_modes: 'preset_modes',
  ret: 'retain',
  set_pos_t: 'set_position_topic',
  set_pos_tpl: 'set_position_template',
  spd_rng_max: 'speed_range_max',
  spd_rng_min: 'speed_range_min',
  stat_cla: 'state_class',
  stat_clsd: 'state_closed',
  stat_closing: 'state_closing',
  stat_jam: 'state_jammed',
  stat_locked: 'state_locked',
  stat_locking: 'state_locking',
  stat_off: 'state_off',
  stat_on: 'state_on',
  stat_open: 'state_open',
  stat_opening: 'state_opening',
  stat_stopped: 'state_stopped',
  stat_t: 'state_topic',
  stat_tpl: 'state_template',
  stat_unlocked: 'state_unlocked',
  stat_unlocking: 'state_unlocking',
  stat_val_tpl: 'state_value_template',
  sup_clrm: 'supported_color_modes',
  temp_cmd_t: 'temperature_command_topic',
  temp_cmd_tpl: 'temperature_command_template',
  temp_stat_t: 'temperature_state_topic',
  temp_stat_tpl: 'temperature_state_template',
  temp_unit: 'temperature_unit',
  uniq_id: 'unique_id',
  unit_of_meas: 'unit_of_measurement',
  val_tpl: 'value_template',
};

const DEVICE: Record<string, string> = {
  cns: 'connections',
  cu: 'configuration_url',
  hw: 'hw_version',
  ids: 'identifiers',
  mdl: 'model',
  mdl_id: 'model_id',
  mf: 'manufacturer',
  sa: 'suggested_area',
  sn: 'serial_number',
  sw: 'sw_version',
};

const AVAILABILITY: Record<string, string> = {
  t: 'topic',
  pl_avail: 'payload_available',
  pl_not_avail: 'payload_not_available',
  val_tpl: 'value_template',
};

const ORIGIN: Record<string, string> = { sw: 'sw_version', url: 'support_url' };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function renameKeys(source: Json, table: Record<string, string>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    const full = table[key] ?? key;
    // A config that gives both spellings keeps the full one.
    if (full !== key && Object.prototype.hasOwnProperty.call(source, full)) continue;
    out[full] = value;
  }
  return out;
}

function isTopicKey(key: string): boolean {
  return key === 'topic' || key.endsWith('_topic');
}

function expandBase(value: unknown, base: string | undefined): unknown {
  if (base === undefined || typeof value !== 'string') return value;
  if (value.startsWith('~')) return base + value.slice(1);
  if (value.endsWith('~')) return value.slice(0, -1) + base;
  return value;
}

/** A config with every short key written out and `~` expanded in topic values. */
export function expandConfig(raw: Json): Json {
  const config = renameKeys(raw, TOP_LEVEL);
  const base = typeof config['~'] === 'string' ? (config['~'] as string) : undefined;
  delete config['~'];
  for (const key of Object.keys(config)) {
    if (isTopicKey(key)) config[key] = expandBase(config[key], base);
  }
  if (isObject(config.device)) config.device = renameKeys(config.device, DEVICE);
  if (isObject(config.origin)) config.origin = renameKeys(config.origin, ORIGIN);
  if (Array.isArray(config.availability)) {
    config.availability = config.availability.map((item) => {
      if (!isObject(item)) return item;
      const expanded = renameKeys(item, AVAILABILITY);
      expanded.topic = expandBase(expanded.topic, base);
      return expanded;
    });
  }
  return config;
}
