import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Totals for a list query (react-admin convention: _all<Resource>Meta).' })
export class ListMetadata {
  @Field(() => Int, { description: 'How many rows match the filter, across all pages.' })
  count: number;
}
