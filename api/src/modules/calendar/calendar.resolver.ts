import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { CalendarService } from './calendar.service';
import { Role } from '../users/user.entity';
import type { Context } from '../../context';

enum CalendarEntryKind {
  MEETING = 'MEETING',
  EVENT = 'EVENT',
}

registerEnumType(CalendarEntryKind, {
  name: 'CalendarEntryKind',
  description: 'What a calendar entry is.',
  valuesConfig: { MEETING: { description: 'A scheduled 1:1 meeting.' }, EVENT: { description: 'A coaching event.' } },
});

@ObjectType({ description: 'An entry of a coach\'s calendar: a 1:1 or an event they facilitate.' })
class CalendarEntryView {
  @Field(() => CalendarEntryKind, { description: 'Meeting or event.' })
  kind: CalendarEntryKind;

  @Field(() => ID, { description: 'The Meeting or CoachingEvent id.' })
  id: string;

  @Field(() => String, { description: 'What it is.' })
  title: string;

  @Field(() => Date, { description: 'Start.' })
  startsAt: Date;

  @Field(() => Date, { description: 'End.' })
  endsAt: Date;

  @Field(() => String, { nullable: true, description: 'Video link.' })
  link: string | null;
}

@ObjectType({ description: 'A secret calendar URL. It is shown once; regenerating it makes the old one stop working.' })
class CalendarFeedUrl {
  @Field(() => String, { description: 'Subscribe to this URL in Google Calendar, Outlook or Apple Calendar.' })
  url: string;
}

@Resolver()
export class CalendarResolver {
  @Authorized(Role.COACH, Role.STAFF)
  @Query(() => [CalendarEntryView], { description: "A coach's scheduled meetings and facilitated events in [from, to) (at most 62 days), by start." })
  async coachCalendar(
    @Arg('coachId', () => ID, { description: 'The coach.' }) coachId: string,
    @Arg('from', () => Date, { description: 'Range start.' }) from: Date,
    @Arg('to', () => Date, { description: 'Range end.' }) to: Date,
    @Ctx() ctx: Context,
  ): Promise<CalendarEntryView[]> {
    const entries = await new CalendarService(ctx.em, () => ctx.clock.now()).coachCalendar(ctx.viewer!, coachId, from, to);
    return entries.map((e) => ({ kind: e.kind as CalendarEntryKind, id: e.id, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, link: e.link }));
  }

  @Authorized()
  @Mutation(() => CalendarFeedUrl, { description: 'Make (or remake) your secret iCalendar URL with your meetings and events; the previous URL stops working.' })
  async regenerateCalendarFeed(@Ctx() ctx: Context): Promise<CalendarFeedUrl> {
    const token = await new CalendarService(ctx.em, () => ctx.clock.now()).regenerate(ctx.viewer!);
    return { url: `${ctx.publicUrl}/calendar/${token}.ics` };
  }
}
