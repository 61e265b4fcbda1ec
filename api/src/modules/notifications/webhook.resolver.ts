import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Role, User } from '../users/user.entity';
import type { Context } from '../../context';
import { badInput, conflict, notFound } from '../../common/errors';
import { requireId } from '../../common/query';
import { NotificationKind } from './notification-kind';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { newWebhookSecret } from './webhooks';
import { DeliveryLogArgs } from './notification.inputs';
import { webhookRoots } from './webhook.read';
import { listAnswer, rowsByIds } from '../../read/connection';

@InputType({ description: 'A webhook endpoint to register.' })
class WebhookEndpointInput {
  @Field(() => String, { description: 'Where to POST events: an absolute https URL (http is allowed outside production).' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => String, { nullable: true, description: 'What it is for (up to 200 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @Field(() => [NotificationKind], { nullable: true, description: 'The event types it wants; omit or leave empty for every type.' })
  @IsOptional()
  @IsEnum(NotificationKind, { each: true })
  @ArrayMaxSize(50)
  eventTypes?: NotificationKind[];
}

@InputType({ description: 'Changes to a webhook endpoint; what is left out stays.' })
class WebhookEndpointPatch {
  @Field(() => String, { nullable: true, description: 'A new URL.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @Field(() => String, { nullable: true, description: 'A new description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;

  @Field(() => [NotificationKind], { nullable: true, description: 'The event types it wants (empty: every type).' })
  @IsOptional()
  @IsEnum(NotificationKind, { each: true })
  @ArrayMaxSize(50)
  eventTypes?: NotificationKind[];

  @Field(() => Boolean, { nullable: true, description: 'Turn it on (again, after Waypoint turned it off) or off.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

@ObjectType({ description: 'A registered endpoint and its signing secret, shown this once.' })
class WebhookEndpointCreated {
  @Field(() => WebhookEndpoint, { description: 'The endpoint.' })
  endpoint!: WebhookEndpoint;

  @Field(() => String, { description: 'The signing secret (whsec_…), for verifying webhook-signature: store it now, it is not shown again.' })
  secret!: string;
}

/** An endpoint URL as staff may register it: absolute http(s), https in production, no credentials in it. */
function checkUrl(raw: string, production: boolean, field: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput(field, 'url must be an absolute URL such as https://platform.example.org/waypoint-events');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput(field, 'url must be an http(s) URL');
  if (production && url.protocol !== 'https:') throw badInput(field, 'url must use https: events carry learners\' data');
  if (url.username || url.password) throw badInput(field, 'url must not carry a user name or password: events are signed instead');
  return url.toString();
}

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized(Role.STAFF)
  @Query(() => [WebhookEndpoint], { description: 'Webhook endpoints for client platforms, newest first (staff).' })
  webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    // The compiled read's own SQL for the rows' ids (webhook.read.ts), then the rows.
    return listAnswer(webhookRoots.webhookEndpoints, {}, ctx, 'webhookEndpoints', (ids) => rowsByIds(ctx.em, WebhookEndpoint, ids));
  }

  @Authorized(Role.STAFF)
  @Mutation(() => WebhookEndpointCreated, { description: 'Registers a webhook endpoint (staff); answers its signing secret, once.' })
  async createWebhookEndpoint(@Arg('input', () => WebhookEndpointInput, { description: 'The endpoint.' }) input: WebhookEndpointInput, @Ctx() ctx: Context): Promise<WebhookEndpointCreated> {
    const secret = newWebhookSecret();
    const endpoint = ctx.em.create(WebhookEndpoint, {
      url: checkUrl(input.url, ctx.config.env === 'production', 'input.url'),
      description: input.description?.trim() ?? '',
      eventTypes: [...new Set(input.eventTypes ?? [])],
      secret,
      createdBy: ctx.em.getReference(User, ctx.viewer!.userId),
      createdAt: ctx.clock.now(),
    });
    await ctx.em.flush();
    return { endpoint, secret };
  }

  @Authorized(Role.STAFF)
  @Mutation(() => WebhookEndpoint, { description: 'Changes a webhook endpoint (staff); turning it back on clears why it was turned off.' })
  async updateWebhookEndpoint(
    @Arg('id', () => ID, { description: 'The endpoint.' }) rawId: string,
    @Arg('patch', () => WebhookEndpointPatch, { description: 'What changes.' }) patch: WebhookEndpointPatch,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpoint> {
    const id = requireId(rawId, 'id');
    const endpoint = await ctx.em.findOne(WebhookEndpoint, { id });
    if (!endpoint) throw notFound('webhook endpoint', id);
    if (patch.url !== undefined) endpoint.url = checkUrl(patch.url, ctx.config.env === 'production', 'patch.url');
    if (patch.description !== undefined) endpoint.description = patch.description.trim();
    if (patch.eventTypes !== undefined) endpoint.eventTypes = [...new Set(patch.eventTypes)];
    if (patch.enabled !== undefined) {
      endpoint.enabled = patch.enabled;
      endpoint.disabledReason = patch.enabled ? null : 'Turned off by staff';
    }
    await ctx.em.flush();
    return endpoint;
  }

  @Authorized(Role.STAFF)
  @Mutation(() => WebhookEndpoint, { description: 'Removes a webhook endpoint and its delivery log (staff).' })
  async deleteWebhookEndpoint(@Arg('id', () => ID, { description: 'The endpoint.' }) rawId: string, @Ctx() ctx: Context): Promise<WebhookEndpoint> {
    const id = requireId(rawId, 'id');
    const endpoint = await ctx.em.findOne(WebhookEndpoint, { id });
    if (!endpoint) throw notFound('webhook endpoint', id);
    const gone = { ...endpoint } as WebhookEndpoint;
    ctx.em.remove(endpoint);
    await ctx.em.flush();
    return gone;
  }

  @Authorized(Role.STAFF)
  @Query(() => [WebhookDelivery], { description: 'The webhook delivery log, newest first (staff): each event, its answer, attempts and timing.' })
  webhookDeliveries(@Args(() => DeliveryLogArgs) args: DeliveryLogArgs, @Ctx() ctx: Context): Promise<WebhookDelivery[]> {
    return listAnswer(webhookRoots.webhookDeliveries, { ...args }, ctx, 'webhookDeliveries', (ids) => rowsByIds(ctx.em, WebhookDelivery, ids));
  }

  @Authorized(Role.STAFF)
  @Mutation(() => WebhookDelivery, { description: 'Sends one delivery again, as a new delivery with the same event id and body (staff); the endpoint must be on.' })
  async replayWebhookDelivery(@Arg('id', () => ID, { description: 'The delivery to replay.' }) rawId: string, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    const id = requireId(rawId, 'id');
    const [row] = await ctx.em.execute<{ id: string }[]>(
      `with o as (select d.* from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id and e.enabled where d.id = ?),
       r as (insert into webhook_deliveries (id, endpoint_id, notification_id, event_type, payload, due_at, created_at, replay_of)
             select gen_random_uuid(), o.endpoint_id, o.notification_id, o.event_type, o.payload, ?, ?, o.id from o returning id)
       select r.id, graphile_worker.add_job('deliver_notifications', '{}'::json, max_attempts := 1) from r`,
      [id, ctx.clock.now(), ctx.clock.now()],
    );
    if (!row) {
      const exists = await ctx.em.count(WebhookDelivery, { id });
      if (!exists) throw notFound('webhook delivery', id);
      throw conflict('Its endpoint is turned off: turn it back on first', { field: 'id' });
    }
    return ctx.em.findOneOrFail(WebhookDelivery, { id: row.id });
  }
}
