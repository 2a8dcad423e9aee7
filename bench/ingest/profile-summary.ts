/**
 * Where a V8 CPU profile (`node --cpu-prof`) spent its time: the functions with the most
 * self time, and the ones with the most inclusive time.
 *
 *   tsx bench/ingest/profile-summary.ts bench/results/profiles/CPU.….cpuprofile [--top 30] [--skip 3]
 *
 * `--skip S` leaves out the first S seconds (module loading and start-up) so the shares are
 * those of the steady state under load.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(`${process.cwd()}/`, '') : '';
  return `${functionName || '(anonymous)'}${file ? `  ${file}:${lineNumber + 1}` : ''}`;
}

export function summarize(profile: CpuProfile, top: number, skipSeconds = 0): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at - profile.startTime < skipSeconds * 1e6) return;
    total += delta;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });

  const self = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const key = label(byId.get(id)!);
    self.set(key, (self.get(key) ?? 0) + micros);
  }
  // Inclusive time: a node's self time plus its subtree, counted once per label on each stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  const pct = (m: number) => `${((100 * m) / total).toFixed(1).padStart(5)} %`;
  const list = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, m]) => `  ${pct(m)}  ${(m / 1000).toFixed(0).padStart(7)} ms  ${key}`)
      .join('\n');
  return `profile: ${(total / 1e6).toFixed(1)} s${skipSeconds ? ` (after the first ${skipSeconds} s)` : ''}\n\nself time\n${list(self)}\n\ninclusive time\n${list(inclusive)}\n`;
}

if (require.main === module) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx bench/ingest/profile-summary.ts FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const flag = (name: string, fallback: number) => {
    const index = rest.indexOf(name);
    return index >= 0 ? Number(rest[index + 1]) : fallback;
  };
  process.stdout.write(summarize(JSON.parse(fs.readFileSync(path.resolve(file), 'utf8')) as CpuProfile, flag('--top', 30), flag('--skip', 0)));
}
