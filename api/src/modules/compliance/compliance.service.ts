import type { EntityManager } from '@mikro-orm/postgresql';
import { RequiredActivity } from './required-activity.entity';
import type { RequiredActivityInput, RequiredActivityPatch } from './compliance.inputs';
import type { ComplianceChange, ComplianceRun } from './compliance.types';
import { ComplianceEvaluation } from './compliance-evaluation.entity';
import { ComplianceExcuse } from './compliance-excuse.entity';
import { Learner } from '../learners/learner.entity';
import { EnrollmentStatus } from '../learners/enrollment-status';
import { User } from '../users/user.entity';
import type { Viewer } from '../../auth/viewer';
import { badInput, conflict, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { firstJudgedWeekSql } from '../learners/learner.read';
import { ruleApplies, weekEnd, weekStart } from './compliance.read';
import { decisions, JUDGED, WHOLE, type Slice } from './compliance.decisions';
import { registerLearnerCondition } from '../learners/learner-conditions';
import { notify, statusChangeNotices } from '../notifications/notify';
import { NotificationKind } from '../notifications/notification-kind';

/** Keeps evaluation runs one at a time across every API replica (pg_advisory_xact_lock key). */
const EVALUATION_LOCK = 0x57a9_0c01;

/** Learners judged per slice of a run (evaluate): small enough that a slice's statement stays in memory. */
const SLICE_LEARNERS = 5_000;

/**
 * Slices the scheduled run judges at once, each on its own connection: PostgreSQL writes one slice while Node
 * writes the other's notices. Two, to leave the API the rest of the pool and of the database's cores.
 */
const SLICES_AT_ONCE = 2;

/**
 * SQL, true when learner `alias` has a required activity of the module week containing ?::timestamptz that no
 * submission meets yet; false before the module starts. For list filters: set-based, no per-row work in JS.
 */
export function missingThisWeekSql(alias: string): string {
  return `exists (
    select 1
    from (select ((?::timestamptz at time zone ${alias}.time_zone)::date - ${alias}.module_start_date) / 7 + 1 as week) k
    cross join lateral (select k.week, ${weekStart(alias, 'k.week')} as week_start, ${weekEnd(alias, 'k.week')} as week_end) w
    join required_activities r on ${ruleApplies('r', 'w')}
    where (?::timestamptz at time zone ${alias}.time_zone)::date >= ${alias}.module_start_date
      and not exists (
        select 1 from submissions s
        where s.learner_id = ${alias}.id and s.kind = r.kind and s.submitted_at >= w.week_start and s.submitted_at < w.week_end))`;
}

registerLearnerCondition('missingRequiredActivity', missingThisWeekSql);

interface RunRow {
  evaluated: number;
  changed: number;
  changes: { learner_id: string; module_week: number; from_status: EnrollmentStatus; to_status: EnrollmentStatus; missing: string[] }[];
}

/** One learner the evaluation moved, with what its notices need. */
interface EvaluationNotice {
  learner_id: string;
  user_id: string;
  name: string;
  coach_id: string;
  module_week: number;
  from_status: string;
  to_status: string;
  missing: string[];
}

/** One run's figures from its slices' (in id order): the counts summed, the first `changeLimit` changes by learner id. */
function merged(slices: readonly RunRow[], changeLimit: number): RunRow {
  return {
    evaluated: slices.reduce((sum, r) => sum + Number(r.evaluated), 0),
    changed: slices.reduce((sum, r) => sum + Number(r.changed), 0),
    changes: slices.flatMap((r) => r.changes).slice(0, changeLimit),
  };
}

function toRun(asOf: Date, dryRun: boolean, row: RunRow): ComplianceRun {
  return {
    asOf,
    dryRun,
    learnerWeeksEvaluated: Number(row.evaluated),
    statusChangeCount: Number(row.changed),
    changes: row.changes.map(
      (c): ComplianceChange => ({ learnerId: c.learner_id, moduleWeek: c.module_week, fromStatus: c.from_status, toStatus: c.to_status, missing: c.missing }),
    ),
  };
}


/**
 * The module's required activities (rules kept as data) and the weekly compliance evaluation:
 *  all of the week's required activities met: AT_RISK → ENROLLED; any missing: ENROLLED → AT_RISK, AT_RISK → SUSPENDED.
 *  SUSPENDED learners stay SUSPENDED either way (a coach lifts a suspension); PAUSED, HIRED, WITHDRAWN are never evaluated.
 */
export class ComplianceService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    /** Learners judged per slice of a run (evaluate); tests make it small. */
    private readonly sliceLearners = SLICE_LEARNERS,
  ) {}

  rules(includeRetired: boolean): Promise<RequiredActivity[]> {
    return this.em.find(RequiredActivity, includeRetired ? {} : { retiredAt: null }, {
      orderBy: { retiredAt: 'desc nulls first', moduleWeek: 'asc nulls last', kind: 'asc', createdAt: 'asc' },
    });
  }

  async createRule(viewer: Viewer, input: RequiredActivityInput): Promise<RequiredActivity> {
    const rule = this.em.create(RequiredActivity, {
      kind: input.kind,
      title: input.title.trim(),
      description: input.description?.trim() ?? '',
      moduleWeek: input.moduleWeek ?? null,
      appliesFrom: this.now(),
      createdAt: this.now(),
      createdBy: this.em.getReference(User, viewer.userId),
    });
    await this.em.flush();
    return rule;
  }

  private async liveRule(rawId: string): Promise<RequiredActivity> {
    const id = requireId(rawId);
    const rule = await this.em.findOne(RequiredActivity, { id });
    if (!rule) throw notFound('required activity', id);
    if (rule.retiredAt) throw badInput('id', 'That required activity is retired');
    return rule;
  }

  async updateRule(rawId: string, patch: RequiredActivityPatch): Promise<RequiredActivity> {
    const rule = await this.liveRule(rawId);
    if (patch.title !== undefined) rule.title = patch.title.trim();
    if (patch.description !== undefined) rule.description = patch.description.trim();
    await this.em.flush();
    return rule;
  }

  async retireRule(rawId: string): Promise<RequiredActivity> {
    const rule = await this.liveRule(rawId);
    rule.retiredAt = this.now();
    await this.em.flush();
    return rule;
  }

  /** Evaluations of each learner, newest week first. One statement. */
  async historyFor(learnerIds: readonly string[]): Promise<ComplianceEvaluation[][]> {
    const rows = await this.em.find(ComplianceEvaluation, { learner: { $in: [...learnerIds] } }, { orderBy: { moduleWeek: 'desc' } });
    const byLearner = new Map<string, ComplianceEvaluation[]>(learnerIds.map((id) => [id, []]));
    for (const row of rows) byLearner.get(row.learner.id)?.push(row);
    return learnerIds.map((id) => byLearner.get(id)!);
  }

  private checkAsOf(asOf: Date): void {
    if (asOf.getTime() > this.now().getTime()) throw badInput('asOf', 'The evaluation instant must not be in the future: a week is evaluated once it has ended');
  }

  /** What evaluate(asOf) would do, writing nothing. One statement. */
  async preview(asOf: Date, changeLimit: number): Promise<ComplianceRun> {
    this.checkAsOf(asOf);
    const judged = decisions(WHOLE);
    const [row] = await this.em.execute<RunRow[]>(
      `with ${judged.sql}
       select (select count(*) from decided)::int as evaluated,
              (select count(*) from decided where to_status <> from_status)::int as changed,
              (select coalesce(json_agg(c), '[]') from (
                 select learner_id, week as module_week, from_status, to_status, missing from decided
                 where to_status <> from_status order by learner_id limit ?) c) as changes`,
      [asOf.toISOString(), ...judged.params, changeLimit],
    );
    return toRun(asOf, true, row);
  }

  /**
   * Excuses one learner-week before it is judged (coaches and staff; audited by the resolver): the evaluation
   * records it and leaves the status alone, without pausing the learner. CONFLICT when the week was already judged
   * (change the status by hand then) or already excused.
   */
  async excuseWeek(viewer: Viewer, rawLearnerId: string, moduleWeek: number, reason: string): Promise<ComplianceExcuse> {
    const learnerId = requireId(rawLearnerId, 'learnerId');
    const text = reason.trim();
    if (!text) throw badInput('reason', 'reason must not be empty');
    const learner = await this.em.findOne(Learner, { id: learnerId });
    if (!learner) throw notFound('learner', learnerId, 'learnerId');
    const judged = await this.em.findOne(ComplianceEvaluation, { learner: learnerId, moduleWeek });
    if (judged) {
      throw conflict(`Week ${moduleWeek} was already judged on ${judged.evaluatedAt.toISOString()}; change the status by hand if it should not stand`, { field: 'moduleWeek' });
    }
    if (await this.em.findOne(ComplianceExcuse, { learner: learnerId, moduleWeek })) throw conflict(`Week ${moduleWeek} is already excused`, { field: 'moduleWeek' });
    const excuse = this.em.create(ComplianceExcuse, {
      learner: this.em.getReference(Learner, learnerId),
      moduleWeek,
      reason: text,
      excusedBy: this.em.getReference(User, viewer.userId),
      createdAt: this.now(),
    });
    await this.em.flush();
    return excuse;
  }

  /**
   * The program's reminder: each learner still missing required activities of the week they are in hears it 48
   * hours before their local week ends, and again on its last local day (the job runs every 15 minutes; each
   * reminder is written once per learner-week, whatever the overlap). Learners not judged this week (before their
   * first judged week, an excused week, a status that is not judged) are not reminded. One statement finds them all.
   */
  async remindMissing(asOf: Date): Promise<number> {
    return this.em.transactional(async (em) => {
      const rows = await em.execute<{ learner_id: string; user_id: string; week: number; week_end: string; last_day: boolean; missing: string[] }[]>(
        `with k as (
           select l.id, l.user_id, l.time_zone, l.module_start_date,
                  ((?::timestamptz at time zone l.time_zone)::date - l.module_start_date) / 7 + 1 as week
             from learners l
            where l.status in ('ENROLLED', 'AT_RISK') and (?::timestamptz at time zone l.time_zone)::date >= l.module_start_date),
         w as (
           select k.*, ${weekStart('k', 'k.week')} as week_start, ${weekEnd('k', 'k.week')} as week_end,
                  ((k.module_start_date + 7 * k.week - 1)::timestamp at time zone k.time_zone) as last_day_start
             from k join learners l on l.id = k.id
            where k.week >= ${firstJudgedWeekSql('l')}
              and not exists (select 1 from compliance_excuses x where x.learner_id = k.id and x.module_week = k.week))
         select w.id as learner_id, w.user_id, w.week, w.week_end, ?::timestamptz >= w.last_day_start as last_day,
                array_agg(r.title order by r.module_week nulls last, r.kind, r.title) as missing
           from w join required_activities r on ${ruleApplies('r', 'w')}
          where ?::timestamptz >= w.week_end - interval '48 hours'
            and not exists (
              select 1 from submissions s
              where s.learner_id = w.id and s.kind = r.kind and s.submitted_at >= w.week_start and s.submitted_at < w.week_end)
          group by w.id, w.user_id, w.week, w.week_end, w.last_day_start`,
        [asOf, asOf, asOf, asOf],
      );
      return notify(
        em,
        this.now(),
        rows.map((r) => ({
          kind: NotificationKind.ACTIVITIES_MISSING,
          recipientId: r.user_id,
          subjectId: r.learner_id,
          data: { moduleWeek: r.week, missing: r.missing, weekEndsAt: new Date(r.week_end).toISOString(), lastDay: r.last_day },
          dedupeKey: `missing:${r.learner_id}:${r.week}:${r.last_day ? 'last-day' : '48h'}`,
        })),
      );
    });
  }

  /**
   * Evaluates every learner-week due at asOf and applies the status changes with their history rows and notices.
   * Runs are serialised by an advisory lock, and each learner-week is recorded once (its primary key), so concurrent
   * or repeated runs change nothing the second time. A learner whose status a coach changed while the run waited
   * keeps the coach's status.
   *
   * The program is judged in slices of `sliceLearners` learners (by id), each one statement and its notices: a
   * statement for 100,000 learners holds every row it writes and every notice it returns at once, and costs more a
   * learner than a slice does. In a transaction (the evaluateCompliance mutation, which commits with its audit
   * entry) the slices run one after another in it. Otherwise (the scheduled job) each slice commits on its own, two
   * at a time on two connections: a learner's new status, its history row and its notices still commit together,
   * and a run that fails part-way leaves the slices it finished judged; the next run (every 15 minutes) judges the
   * rest. npm run bench -- growth, 100,000 learners: 7.2-7.4 s (10.6 s at load 6), against 13.9 s as one statement.
   */
  async evaluate(asOf: Date, changeLimit: number): Promise<ComplianceRun> {
    this.checkAsOf(asOf);
    if (this.em.isInTransaction()) {
      return this.em.transactional(async (em) => {
        await em.execute(`select pg_advisory_xact_lock(?)`, [EVALUATION_LOCK]);
        const runs: RunRow[] = [];
        for (const slice of await this.slices(em)) runs.push(await this.judge(em, asOf, slice, changeLimit));
        return toRun(asOf, false, merged(runs, changeLimit));
      });
    }
    // The lock is held by a transaction of its own for the whole run, while the slices commit on other connections.
    return this.em.fork().transactional(async (lock) => {
      await lock.execute(`select pg_advisory_xact_lock(?)`, [EVALUATION_LOCK]);
      const pending = await this.slices(lock);
      const runs: RunRow[] = new Array(pending.length);
      let next = 0;
      let failed = false;
      const settled = await Promise.allSettled(
        Array.from({ length: Math.min(SLICES_AT_ONCE, pending.length) }, async () => {
          try {
            while (!failed && next < pending.length) {
              const i = next++;
              runs[i] = await this.em.fork().transactional((em) => this.judge(em, asOf, pending[i], changeLimit));
            }
          } catch (e) {
            failed = true; // the other connection finishes its slice, then stops; the lock is held until both have
            throw e;
          }
        }),
      );
      const failure = settled.find((s) => s.status === 'rejected');
      if (failure) throw failure.reason;
      return toRun(asOf, false, merged(runs, changeLimit));
    });
  }

  /**
   * The judged learners in slices of about `sliceLearners`, in id order: every sliceLearners-th id bounds one. One
   * statement (the learners' primary key, in order).
   */
  private async slices(em: EntityManager): Promise<Slice[]> {
    const bounds = await em.execute<{ id: string }[]>(
      `select id from (select id, row_number() over (order by id) as n, count(*) over () as total from learners where status in ${JUDGED}) s
        where n % ? = 0 and n < total order by id`,
      [this.sliceLearners],
    );
    const ids = bounds.map((b) => b.id);
    return [null, ...ids].map((after, i) => ({ after, upTo: ids[i] ?? null }));
  }

  /**
   * Judges one slice in `em`'s transaction: its evaluations, status changes and history rows in one statement, then
   * the notices of every learner it moved (the learner; their coach when AT_RISK or SUSPENDED).
   */
  private async judge(em: EntityManager, asOf: Date, slice: Slice, changeLimit: number): Promise<RunRow> {
    const now = this.now().toISOString();
    // Room to sort and keep the slice's rows in memory; for this transaction only.
    await em.execute(`set local work_mem = '64MB'`);
    const judged = decisions(slice);
    const [row] = await em.execute<(RunRow & { notices: EvaluationNotice[] })[]>(
      `with ${judged.sql},
         inserted as (
           insert into compliance_evaluations (learner_id, module_week, week_start, week_end, missing, from_status, to_status, evaluated_at)
           select learner_id, week, week_start, week_end, missing, from_status, to_status, ?::timestamptz from decided
           on conflict do nothing
           returning learner_id, module_week, missing, from_status, to_status
         ),
         -- Each learner moved, with what its history row and notices need (an UPDATE returns its FROM's columns).
         moved as (
           update learners l set status = i.to_status, status_changed_at = ?::timestamptz, updated_at = ?::timestamptz
           from inserted i
           where l.id = i.learner_id and i.to_status <> i.from_status and l.status = i.from_status
           returning l.id as learner_id, l.user_id, l.coach_id, i.module_week, i.from_status, i.to_status, i.missing
         ),
         history as (
           insert into status_changes (id, learner_id, from_status, to_status, reason, source, changed_by_id, module_week, created_at)
           select gen_random_uuid(), m.learner_id, m.from_status, m.to_status,
                  case when cardinality(m.missing) = 0 then 'all required activities of week ' || m.module_week || ' met'
                       else 'missing: ' || array_to_string(m.missing, ', ') end,
                  'EVALUATION', null, m.module_week, ?::timestamptz
           from moved m
           returning 1
         )
         select (select count(*) from inserted)::int as evaluated,
                (select count(*) from history)::int as changed,
                (select coalesce(json_agg(c), '[]') from (
                   select learner_id, module_week, from_status, to_status, missing from moved order by learner_id limit ?) c) as changes,
                (select coalesce(json_agg(n), '[]') from (
                   select m.learner_id, m.user_id, u.name, m.coach_id, m.module_week, m.from_status, m.to_status, m.missing
                   from moved m join users u on u.id = m.user_id) n) as notices`,
      [asOf.toISOString(), ...judged.params, now, now, now, now, changeLimit],
    );
    // Every learner moved is told, and their coach when it is AT_RISK or SUSPENDED, in this transaction.
    await notify(
      em,
      this.now(),
      statusChangeNotices(
        row.notices.map((n) => ({
          learnerId: n.learner_id,
          learnerUserId: n.user_id,
          learnerName: n.name,
          coachId: n.coach_id,
          from: n.from_status,
          to: n.to_status,
          reason: n.missing.length ? `week ${n.module_week} ended without ${n.missing.join(', ')}` : `every required activity of week ${n.module_week} was done`,
        })),
      ),
    );
    return row;
  }
}

