/**
 * CPU time per process from /proc (Linux), to split the pipeline's cost per
 * conversation between the services, the benchmark's own process (sandbox,
 * fake LLM, load generator), RabbitMQ and PostgreSQL.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export type CpuSnapshot = Map<string, number>;

/** CPU milliseconds (user + system) of one process, or 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted from after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Sum of CPU milliseconds of every process whose command name is `comm`. */
function commandCpuMs(comm: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) total += processCpuMs(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

export function cpuSnapshot(processes: { label: string; pid: number | undefined }[]): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const { label, pid } of processes) snapshot.set(label, (snapshot.get(label) ?? 0) + (pid ? processCpuMs(pid) : 0));
  snapshot.set('bench (sandbox, LLM, load)', processCpuMs(process.pid));
  snapshot.set('rabbitmq', commandCpuMs('beam.smp'));
  snapshot.set('postgres', commandCpuMs('postgres'));
  return snapshot;
}

/** CPU ms spent between two snapshots per unit of work, e.g. per conversation. */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): string {
  const parts = [...after].map(([label, ms]) => ({ label, perUnit: (ms - (before.get(label) ?? 0)) / Math.max(1, units) }));
  const total = parts.reduce((sum, part) => sum + part.perUnit, 0);
  return `${parts.map(({ label, perUnit }) => `${label} ${perUnit.toFixed(1)}`).join(', ')}; total ${total.toFixed(1)} ms`;
}
