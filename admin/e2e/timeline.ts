import type { CDPSession } from '@playwright/test';

/**
 * The renderer's main thread as Chromium's own trace records it (the DevTools "toplevel" tasks, each with its wall
 * time and the CPU time the thread really ran): how much of an interval the page spent working, how much of that it
 * spent waiting for a CPU (other processes on a loaded machine), and how much it was idle (waiting on the network,
 * the server or a timer).
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTime {
  /** ms from the start mark to the end */
  wall: number;
  /** ms the main thread ran tasks in it (wall time of the tasks) */
  busy: number;
  /** ms of CPU the main thread used in it */
  cpu: number;
  /** the interval without the time the main thread held a task but had no CPU: wall - (busy - cpu) */
  own: number;
}

export interface Recording {
  /** Stops the trace and measures [mark named `startMark`, `startMark` + `untilMs`] on the page's main thread. */
  stop(startMark: string, untilMs: number): Promise<MainThreadTime>;
}

/** Starts a trace of the page's top-level tasks and user-timing marks (little overhead: no JavaScript sampling). */
export async function recordMainThread(cdp: CDPSession): Promise<Recording> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'], enableSampling: false }, transferMode: 'ReportEvents' });
  return {
    async stop(startMark, untilMs) {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      const mark = events.find((e) => e.name === startMark);
      if (!mark) throw new Error(`The trace has no mark ${startMark}`);
      // The renderer's main thread is the one the mark was made on.
      const onMain = (e: TraceEvent) => e.pid === mark.pid && e.tid === mark.tid;
      const start = mark.ts;
      const end = start + untilMs * 1000;
      let busy = 0;
      let cpu = 0;
      let lastEnd = 0;
      // Top-level tasks only (a nested one is inside its parent's time already), clipped to the interval.
      const tasks = events.filter((e) => onMain(e) && e.ph === 'X' && e.dur && /RunTask$/.test(e.name)).sort((a, b) => a.ts - b.ts);
      for (const task of tasks) {
        const from = Math.max(task.ts, start);
        const to = Math.min(task.ts + task.dur!, end);
        if (to <= from || task.ts < lastEnd) continue;
        lastEnd = task.ts + task.dur!;
        const share = (to - from) / task.dur!;
        busy += to - from;
        cpu += share * Math.min(task.tdur ?? task.dur!, task.dur!);
      }
      const ms = (us: number) => Math.round(us / 1000);
      return { wall: Math.round(untilMs), busy: ms(busy), cpu: ms(cpu), own: Math.round(untilMs - (busy - cpu) / 1000) };
    },
  };
}
