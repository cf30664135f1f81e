// What the numbers were measured on, for the report.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromiumPath } from '../test/support/browser';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGiB: number;
  platform: string;
  node: string;
  chromium: string;
  chromiumPath: string;
  distBuiltAt: string;
  /** 1-minute load averages when the run started and ended: other work on the machine shows up as spread. */
  loadAverage: { start: number; end: number };
}

export function machineInfo(distBuiltAt: string, loadAtStart: number): MachineInfo {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(),
    chromiumPath,
    distBuiltAt,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
  };
}

/** `chromium --version`: a persistent context has no Browser object to ask. */
function chromiumVersion(): string {
  try {
    // Debian's wrapper script prints a shell warning on stderr; only stdout is the version.
    const out = execFileSync(chromiumPath, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim();
  } catch {
    return 'unknown';
  }
}
