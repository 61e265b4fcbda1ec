import { createHash } from 'node:crypto';

export type Practice = 'TECHNICAL' | 'BEHAVIORAL';

export interface PairingCandidate {
  learnerId: string;
  practiceType: Practice;
}

export interface Pairing {
  /** Groups of two (three when allowed for an odd one out), numbered from 1 in this order. */
  groups: string[][];
  /** The learner left without a partner, if any. */
  oddOneOut: string | null;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Pairs a morning session's sign-ups: same practice type first, then the one left over of each type together;
 * an odd one out joins a group (making three) only when groupsOfThree is on. Within a type, learners are taken in
 * an order shuffled by the session's seed (so partners vary from day to day) and each takes the first partner they
 * were not paired with recently, falling back to the first available. The same input always gives the same pairs.
 */
export function pairSignUps(
  signUps: PairingCandidate[],
  opts: { seed: string; groupsOfThree: boolean; recentPairs: Set<string> },
): Pairing {
  const rank = (id: string) => createHash('sha256').update(`${opts.seed}:${id}`).digest('hex');
  const groups: string[][] = [];
  const leftovers: PairingCandidate[] = [];
  const typeOf = new Map(signUps.map((s) => [s.learnerId, s.practiceType]));
  for (const practice of ['TECHNICAL', 'BEHAVIORAL'] as const) {
    const pool = signUps
      .filter((s) => s.practiceType === practice)
      .map((s) => ({ s, rank: rank(s.learnerId) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.s.learnerId.localeCompare(b.s.learnerId)))
      .map((x) => x.s.learnerId);
    while (pool.length >= 2) {
      const first = pool.shift()!;
      const fresh = pool.findIndex((other) => !opts.recentPairs.has(pairKey(first, other)));
      const [partner] = pool.splice(fresh === -1 ? 0 : fresh, 1);
      groups.push([first, partner]);
    }
    if (pool.length) leftovers.push({ learnerId: pool[0], practiceType: practice });
  }
  if (leftovers.length === 2) return { groups: [...groups, leftovers.map((l) => l.learnerId)], oddOneOut: null };
  const odd = leftovers[0];
  if (!odd) return { groups, oddOneOut: null };
  if (opts.groupsOfThree && groups.length) {
    // Prefer a pair practising the same thing; the last such pair keeps the choice deterministic.
    const same = groups.map((g, i) => ({ g, i })).filter(({ g }) => typeOf.get(g[0]) === odd.practiceType);
    const target = same.length ? same[same.length - 1].i : groups.length - 1;
    groups[target] = [...groups[target], odd.learnerId];
    return { groups, oddOneOut: null };
  }
  return { groups, oddOneOut: odd.learnerId };
}
