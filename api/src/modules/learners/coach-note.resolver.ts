import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Learner } from './learner.entity';
import { CoachNote } from './coach-note.entity';
import { LearnerService } from './learner.service';
import { Role, User } from '../users/user.entity';
import { userOf } from '../users/user.loaders';
import { isStaff } from '../../auth/viewer';
import { badInput, forbidden, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import type { Context } from '../../context';
import { IdempotencyKeyArg } from '../idempotency/idempotency';

const MAX = 5000;

function bodyOf(raw: string): string {
  const body = raw.trim();
  if (!body) throw badInput('body', 'Write the note');
  if (body.length > MAX) throw badInput('body', `A note is at most ${MAX.toLocaleString('en')} characters (this one is ${body.length.toLocaleString('en')})`);
  return body;
}

async function ownNote(ctx: Context, rawId: string, action: 'edit' | 'delete'): Promise<CoachNote> {
  const id = requireId(rawId, 'id');
  const note = await ctx.em.findOne(CoachNote, { id }, { populate: ['author'] });
  if (!note) throw notFound('coach note', id);
  const mine = note.author.id === ctx.viewer!.userId;
  if (!mine && !(action === 'delete' && isStaff(ctx.viewer!))) {
    throw forbidden(action === 'edit' ? `Only ${note.author.getEntity().name} edits this note` : `Only ${note.author.getEntity().name} or staff delete this note`);
  }
  return note;
}

/** Coaches' private notes on learners: written by coaches and staff, read by coaches and staff only. */
@Resolver(() => CoachNote)
export class CoachNoteResolver {
  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => CoachNote, { description: 'Keeps a private note on a learner (coaches and staff; the learner never sees it).' })
  async addCoachNote(
    @Arg('learnerId', () => ID, { description: 'The learner.' }) learnerId: string,
    @Arg('body', () => String, { description: 'The note, up to 5,000 characters.' }) body: string,
    @IdempotencyKeyArg() _idempotencyKey: string | undefined,
    @Ctx() ctx: Context,
  ): Promise<CoachNote> {
    const text = bodyOf(body);
    const learner = await new LearnerService(ctx.em, () => ctx.clock.now()).get(ctx.viewer!, learnerId, 'learnerId');
    const now = ctx.clock.now();
    const note = ctx.em.create(CoachNote, { learner, author: ctx.em.getReference(User, ctx.viewer!.userId), body: text, createdAt: now, updatedAt: now });
    await ctx.em.flush();
    return note;
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => CoachNote, { description: 'Edits a note (its author only).' })
  async updateCoachNote(
    @Arg('id', () => ID, { description: 'The note.' }) id: string,
    @Arg('body', () => String, { description: 'The new text.' }) body: string,
    @Ctx() ctx: Context,
  ): Promise<CoachNote> {
    const text = bodyOf(body);
    const note = await ownNote(ctx, id, 'edit');
    Object.assign(note, { body: text, updatedAt: ctx.clock.now() });
    await ctx.em.flush();
    return note;
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => CoachNote, { description: 'Deletes a note (its author, or staff).' })
  async deleteCoachNote(@Arg('id', () => ID, { description: 'The note.' }) id: string, @Ctx() ctx: Context): Promise<CoachNote> {
    const note = await ownNote(ctx, id, 'delete');
    const gone = Object.assign(new CoachNote(), { ...note });
    ctx.em.remove(note);
    await ctx.em.flush();
    return gone;
  }

  @FieldResolver(() => User, { description: 'Who wrote it.' })
  author(@Root() note: CoachNote, @Ctx() ctx: Context) {
    return userOf(note.author, ctx);
  }
}

@Resolver(() => Learner)
export class LearnerCoachNotesResolver {
  @Authorized(Role.STAFF, Role.COACH)
  @FieldResolver(() => [CoachNote], { nullable: true, description: "Coaches' private notes on the learner, newest first (coaches and staff only: FORBIDDEN for anyone else)." })
  coachNotes(@Root() learner: Learner, @Ctx() ctx: Context): Promise<CoachNote[]> {
    return ctx.loaders.coachNotesByLearner.load(learner.id);
  }
}
