import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { FeedbackSnippet } from './feedback-snippet.entity';
import { Role, User } from '../users/user.entity';
import { badInput, conflict, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import type { Context } from '../../context';

function text(raw: string, field: string, max: number, what: string): string {
  const value = raw.trim();
  if (!value) throw badInput(field, `Give the snippet ${what}`);
  if (value.length > max) throw badInput(field, `${field} is at most ${max.toLocaleString('en')} characters`);
  return value;
}

/** Each coach's saved feedback snippets (coaches and staff; always the caller's own). */
@Resolver(() => FeedbackSnippet)
export class FeedbackSnippetResolver {
  @Authorized(Role.STAFF, Role.COACH)
  @Query(() => [FeedbackSnippet], { description: 'Your saved feedback snippets, by title (coaches and staff).' })
  myFeedbackSnippets(@Ctx() ctx: Context): Promise<FeedbackSnippet[]> {
    return ctx.em.find(FeedbackSnippet, { coach: ctx.viewer!.userId }, { orderBy: { title: 'asc' } });
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => FeedbackSnippet, { description: 'Saves a feedback snippet of yours: a new one, or (with id) changes one. A title you already use is CONFLICT.' })
  async saveFeedbackSnippet(
    @Arg('id', () => ID, { nullable: true, description: 'The snippet to change; omit for a new one.' }) rawId: string | undefined,
    @Arg('title', () => String, { description: 'A short name, up to 80 characters.' }) rawTitle: string,
    @Arg('body', () => String, { description: 'The text, up to 2,000 characters.' }) rawBody: string,
    @Ctx() ctx: Context,
  ): Promise<FeedbackSnippet> {
    const title = text(rawTitle, 'title', 80, 'a title');
    const body = text(rawBody, 'body', 2000, 'some text');
    const me = ctx.viewer!.userId;
    let snippet: FeedbackSnippet;
    if (rawId) {
      const id = requireId(rawId, 'id');
      const found = await ctx.em.findOne(FeedbackSnippet, { id, coach: me });
      if (!found) throw notFound('feedback snippet of yours', id);
      snippet = Object.assign(found, { title, body, updatedAt: ctx.clock.now() });
    } else {
      snippet = ctx.em.create(FeedbackSnippet, { coach: ctx.em.getReference(User, me), title, body, updatedAt: ctx.clock.now() });
    }
    try {
      await ctx.em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw conflict(`You already have a snippet called "${title}"`, { field: 'title' });
      throw e;
    }
    return snippet;
  }

  @Authorized(Role.STAFF, Role.COACH)
  @Mutation(() => FeedbackSnippet, { description: 'Deletes one of your feedback snippets.' })
  async deleteFeedbackSnippet(@Arg('id', () => ID, { description: 'The snippet.' }) rawId: string, @Ctx() ctx: Context): Promise<FeedbackSnippet> {
    const id = requireId(rawId, 'id');
    const found = await ctx.em.findOne(FeedbackSnippet, { id, coach: ctx.viewer!.userId });
    if (!found) throw notFound('feedback snippet of yours', id);
    const gone = Object.assign(new FeedbackSnippet(), { ...found });
    ctx.em.remove(found);
    await ctx.em.flush();
    return gone;
  }
}
