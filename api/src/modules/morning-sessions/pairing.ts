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
 * an order shuffled by the session's seed (so partners vary from day to day) and paired so that nobody meets a
 * recent partner again whenever such a pairing exists. The same input always gives the same pairs.
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
    // An odd pool leaves its last-ranked learner over, to be paired across types.
    const left = pool.length % 2 ? pool.pop() : undefined;
    groups.push(...matchAvoiding(pool, opts.recentPairs));
    if (left) pool.splice(0, pool.length, left);
    else pool.length = 0;
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

/** Largest search before settling for the greedy pairing: keeps a pathological input from stalling the job. */
const SEARCH_LIMIT = 20_000;

/**
 * Pairs an even list so that no pair is a recent one, if that is possible (a depth-first search in rank order,
 * so the answer is deterministic); otherwise greedily, each taking the first partner not seen recently.
 */
function matchAvoiding(pool: string[], recent: Set<string>): string[][] {
  const used = new Set<string>();
  const pairs: string[][] = [];
  let steps = 0;
  const search = (): boolean => {
    const first = pool.find((id) => !used.has(id));
    if (!first) return true;
    if (++steps > SEARCH_LIMIT) return false;
    used.add(first);
    for (const other of pool) {
      if (used.has(other) || recent.has(pairKey(first, other))) continue;
      used.add(other);
      pairs.push([first, other]);
      if (search()) return true;
      used.delete(other);
      pairs.pop();
    }
    used.delete(first);
    return false;
  };
  if (search()) return pairs;
  const rest = [...pool];
  const greedy: string[][] = [];
  while (rest.length >= 2) {
    const first = rest.shift()!;
    const fresh = rest.findIndex((other) => !recent.has(pairKey(first, other)));
    greedy.push([first, ...rest.splice(fresh === -1 ? 0 : fresh, 1)]);
  }
  return greedy;
}
