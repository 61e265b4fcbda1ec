import { ArgsType, Field, Int } from 'type-graphql';
import { IsIn, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 25;

/** The react-admin list convention shared by every all<Resource> query: 0-based page, page size, sort. */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: 'Page number, starting at 0.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  page?: number;

  @Field(() => Int, { nullable: true, description: `Rows per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE, { message: `perPage must be at most ${MAX_PAGE_SIZE}` })
  perPage?: number;

  @Field(() => String, { nullable: true, description: 'Field to sort by; each list names the fields it accepts.' })
  @IsOptional()
  @MaxLength(64)
  sortField?: string;

  @Field(() => String, { nullable: true, description: 'ASC or DESC (default ASC).' })
  @IsOptional()
  @IsIn(['ASC', 'DESC', 'asc', 'desc'], { message: 'sortOrder must be ASC or DESC' })
  sortOrder?: string;
}

export interface Page {
  limit: number;
  offset: number;
  direction: 'asc' | 'desc';
}

export function toPage(args: ListArgs): Page {
  const limit = args.perPage ?? DEFAULT_PAGE_SIZE;
  return {
    limit,
    offset: (args.page ?? 0) * limit,
    direction: args.sortOrder?.toLowerCase() === 'desc' ? 'desc' : 'asc',
  };
}
