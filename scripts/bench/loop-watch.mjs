// The longest the backend's event loop went without a turn while a job ran: the longest interval
// between two ticks of a 1 ms timer, i.e. what a request arriving meanwhile waited behind (it
// over-states the hold by at most the 1 ms period).
//
// On Linux the main thread's scheduler statistics split that interval into the time the thread
// ran (the job's code, the collector) and the time it was ready but waiting for a core: on the
// bench's 2-core machine the cores are shared with MariaDB and V8's compiler threads, so a long
// interval can be mostly waiting.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { tenths } from './stats.mjs';

const TICK_MS = 1;
const SPACE = 0x20;
const ZERO = 0x30;
const round = (ms) => (ms === null ? null : tenths(ms));

/**
 * Starts watching; stop() returns the longest interval as { ms, onCpuMs, waitingMs } (the split
 * null off Linux) and where it lay ({ from, to }, in performance.now() time).
 */
export function watchEventLoop() {
  const schedstat = `/proc/self/task/${process.pid}/schedstat`;
  // Opened once and read from its start each tick: one system call a millisecond rather than three,
  // so the watch itself takes little of the thread it watches.
  const fd = existsSync(schedstat) ? openSync(schedstat, 'r') : null;
  const split = fd !== null;
  const buffer = Buffer.alloc(128);
  const sample = () => {
    const at = performance.now();
    if (!split) return { at, runMs: 0, waitMs: 0 };
    // Nanoseconds on a CPU, nanoseconds runnable but waiting for one, time slices: read off the
    // bytes, as this runs every millisecond of the thread it measures.
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    let field = 0;
    let run = 0;
    let wait = 0;
    for (let i = 0; i < length && field < 2; i++) {
      const byte = buffer[i];
      if (byte === SPACE) field++;
      else if (field === 0) run = run * 10 + (byte - ZERO);
      else wait = wait * 10 + (byte - ZERO);
    }
    return { at, runMs: run / 1e6, waitMs: wait / 1e6 };
  };
  let last = sample();
  let longest = { ms: 0, onCpuMs: null, waitingMs: null, from: last.at, to: last.at };
  const timer = setInterval(() => {
    const now = sample();
    const ms = now.at - last.at;
    if (ms > longest.ms) {
      const onCpuMs = split ? now.runMs - last.runMs : null;
      const waitingMs = split ? now.waitMs - last.waitMs : null;
      longest = { ms, onCpuMs, waitingMs, from: last.at, to: now.at };
    }
    last = now;
  }, TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      if (split) closeSync(fd);
      const { ms, onCpuMs, waitingMs, from, to } = longest;
      return { ms: round(ms), onCpuMs: round(onCpuMs), waitingMs: round(waitingMs), from, to };
    },
  };
}
