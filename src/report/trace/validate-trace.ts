/**
 * Checks a trace against what Perfetto's JSON importer and chrome://tracing need: every event has
 * ph, ts, pid, tid and name; complete events have a non-negative dur; timestamps never go back on a
 * track (metadata aside); slices on a track nest (no partial overlap); every B has its E; every
 * flow id has one start and one finish, in time order, each inside a slice of its track. Returns
 * the problems found (empty when valid); tests and `trnsim run --trace` use it.
 */

interface Ev {
  name?: unknown;
  ph?: unknown;
  ts?: unknown;
  pid?: unknown;
  tid?: unknown;
  dur?: unknown;
  id?: unknown;
}

export function validateTrace(trace: unknown, maxProblems = 20): string[] {
  const problems: string[] = [];
  const add = (p: string): void => {
    if (problems.length < maxProblems) problems.push(p);
  };
  const events = (trace as { traceEvents?: unknown })?.traceEvents;
  if (!Array.isArray(events)) return ['no traceEvents array'];
  const lastTs = new Map<string, number>();
  const open = new Map<string, Array<{ end: number }>>();
  const begins = new Map<string, number>();
  const slices = new Map<string, Array<[number, number]>>();
  const flows = new Map<number, { s?: Ev; f?: Ev }>();
  events.forEach((raw: Ev, i: number) => {
    for (const f of ['name', 'ph', 'ts', 'pid', 'tid'] as const) if (raw[f] === undefined) add(`event ${i}: no "${f}"`);
    if (typeof raw.ts !== 'number' || !Number.isFinite(raw.ts)) return add(`event ${i}: ts is not a finite number`);
    const track = `${raw.pid}/${raw.tid}`;
    if (raw.ph === 'M') return;
    const prev = lastTs.get(track);
    if (prev !== undefined && raw.ts < prev) add(`event ${i} (${String(raw.name)}): ts ${raw.ts} before ${prev} on track ${track}`);
    lastTs.set(track, raw.ts);
    if (raw.ph === 'X') {
      if (typeof raw.dur !== 'number' || !(raw.dur >= 0)) return add(`event ${i}: complete event without a dur >= 0`);
      const stack = open.get(track) ?? [];
      // 1e-6 us: float noise of ts + dur at nanosecond resolution
      while (stack.length && stack[stack.length - 1]!.end <= raw.ts + 1e-6) stack.pop();
      const end = raw.ts + raw.dur;
      const top = stack[stack.length - 1];
      if (top && end > top.end + 1e-6) add(`event ${i} (${String(raw.name)}): overlaps the enclosing slice on track ${track} without nesting`);
      stack.push({ end });
      open.set(track, stack);
      slices.set(track, [...(slices.get(track) ?? []), [raw.ts, end]]);
    } else if (raw.ph === 'B') begins.set(track, (begins.get(track) ?? 0) + 1);
    else if (raw.ph === 'E') {
      const n = begins.get(track) ?? 0;
      if (n === 0) add(`event ${i}: E without B on track ${track}`);
      begins.set(track, n - 1);
    } else if (raw.ph === 's' || raw.ph === 'f') {
      if (typeof raw.id !== 'number') return add(`event ${i}: flow event without a numeric id`);
      const fl = flows.get(raw.id) ?? {};
      if (fl[raw.ph]) add(`flow ${raw.id}: two "${raw.ph}" events`);
      fl[raw.ph] = raw;
      flows.set(raw.id, fl);
    }
  });
  for (const [track, n] of begins) if (n !== 0) add(`track ${track}: ${n} B events without their E`);
  const inSlice = (e: Ev): boolean => (slices.get(`${e.pid}/${e.tid}`) ?? []).some(([a, b]) => (e.ts as number) >= a && (e.ts as number) <= b);
  for (const [id, fl] of flows) {
    if (!fl.s || !fl.f) {
      add(`flow ${id}: ${fl.s ? 'no finish' : 'no start'}`);
      continue;
    }
    if ((fl.f.ts as number) < (fl.s.ts as number)) add(`flow ${id}: finishes before it starts`);
    if (!inSlice(fl.s) || !inSlice(fl.f)) add(`flow ${id}: an end is not inside a slice of its track`);
  }
  return problems;
}
