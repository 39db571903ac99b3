/**
 * What the kernel says about a process (Linux /proc): the benches measure the real processes they start, and
 * PostgreSQL's and Kafka's, from outside.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, all threads) a process has used, with those of its reaped children; 0 once it is gone. */
export function cpuSecondsOf(pid: number | string): number {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime is the 14th field of the line.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return (utime + stime + cutime + cstime) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory of a process now and at its peak (VmHWM: the kernel's high-water mark over its whole life). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
  return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') };
}
