import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

@ObjectType({ description: 'A cohort: the learners staff put in it (Learner.cohort), or those without one whose module started in one month.' })
export class ReportCohort {
  @Field(() => String, { description: 'The cohort: the name staff set, or the module start month (YYYY-MM). Pass it as `cohort`.' })
  name!: string;

  @Field(() => Boolean, { description: 'True when these are learners without a cohort, grouped by module start month (name is YYYY-MM).' })
  byMonth!: boolean;

  @Field(() => String, {
    description: 'The same as name (it was the module start month when every cohort was one).',
    deprecationReason: 'Use name: a cohort staff set is not a month.',
  })
  month!: string;

  @Field(() => Int, { description: 'How many learners it has.' })
  learners!: number;
}

@ObjectType({ description: "The cohort's job-search funnel, all time: applications, interviews, offers and learners hired." })
export class ReportFunnel {
  @Field(() => Int, { description: 'Learners in the cohort.' })
  learners!: number;

  @Field(() => Int, { description: 'Applications logged (Huntr, CSV import or by hand).' })
  applications!: number;

  @Field(() => Int, { description: 'Interviews logged.' })
  interviews!: number;

  @Field(() => Int, { description: 'Offers received (from Huntr).' })
  offers!: number;

  @Field(() => Int, { description: 'Learners now HIRED.' })
  hired!: number;
}

@ObjectType({ description: "How many learners were in each status at the end of one week (Monday to Sunday, UTC)." })
export class ReportStatusWeek {
  @Field(() => LocalDateResolver, { description: 'The Monday the week starts on.' })
  weekStart!: string;

  @Field(() => Int, { description: 'ENROLLED at the end of the week.' })
  enrolled!: number;

  @Field(() => Int, { description: 'AT_RISK.' })
  atRisk!: number;

  @Field(() => Int, { description: 'SUSPENDED.' })
  suspended!: number;

  @Field(() => Int, { description: 'PAUSED.' })
  paused!: number;

  @Field(() => Int, { description: 'HIRED.' })
  hired!: number;

  @Field(() => Int, { description: 'WITHDRAWN.' })
  withdrawn!: number;
}

@ObjectType({ description: "A coach's workload and review-target attainment over the report's weeks." })
export class ReportCoach {
  @Field(() => ID, { description: 'The coach (user id).' })
  coachId!: string;

  @Field(() => String, { description: "The coach's name." })
  name!: string;

  @Field(() => Int, { description: 'Learners assigned to them (in the cohort).' })
  learners!: number;

  @Field(() => Int, { description: 'Submissions they gave the first feedback on, in the weeks.' })
  reviewed!: number;

  @Field(() => Int, { description: 'Of those, how many before their due time (the review target).' })
  withinTarget!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours from submission to their first feedback (null without reviews).' })
  medianHoursToReview!: number | null;

  @Field(() => Int, { description: 'Submissions waiting now that are assigned to or claimed by them.' })
  waiting!: number;
}

@ObjectType({ description: 'Morning-session and coaching-event attendance in one week (Monday to Sunday, UTC).' })
export class ReportAttendanceWeek {
  @Field(() => LocalDateResolver, { description: 'The Monday the week starts on.' })
  weekStart!: string;

  @Field(() => Int, { description: 'Morning-session sign-ups.' })
  sessionSignUps!: number;

  @Field(() => Int, { description: 'Of those, paired with a partner.' })
  paired!: number;

  @Field(() => Int, { description: 'Seats taken at coaching events.' })
  eventSeats!: number;

  @Field(() => Int, { description: 'Seated learners marked ATTENDED.' })
  attended!: number;

  @Field(() => Int, { description: 'Seated learners marked ABSENT.' })
  absent!: number;
}

@ObjectType({ description: 'The program at a glance for staff: the cohort funnel, status mix week by week, coach workload, attendance.' })
export class ProgramReport {
  @Field(() => [ReportCohort], { description: 'Every cohort: those staff named (by name), then module start months, newest first.' })
  cohorts!: ReportCohort[];

  @Field(() => String, { nullable: true, description: 'The cohort reported on; null: every learner.' })
  cohort!: string | null;

  @Field(() => ReportFunnel, { description: 'The funnel.' })
  funnel!: ReportFunnel;

  @Field(() => [ReportStatusWeek], { description: 'Status mix at the end of each week, oldest first.' })
  statusByWeek!: ReportStatusWeek[];

  @Field(() => [ReportCoach], { description: 'Each active coach, by name.' })
  coaches!: ReportCoach[];

  @Field(() => [ReportAttendanceWeek], { description: 'Attendance week by week, oldest first.' })
  attendanceByWeek!: ReportAttendanceWeek[];
}
