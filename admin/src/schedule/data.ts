import { graphql } from '../gql';
import { mutate, read } from '../graphqlClient';
import type {
  ScheduleActivityInput,
  ScheduleActivityPatch,
  ScheduleBlockInput,
  ScheduleBlockPatch,
} from './types';

graphql(`
  fragment ScheduleActivity on ScheduleActivity { id blockId position title description link minutes required updatedAt }
`);

graphql(`
  fragment ScheduleBlock on ScheduleBlock {
    id weekday position title kind startTime endTime updatedAt activities { ...ScheduleActivity }
  }
`);

const ScheduleTemplate = graphql(`
  query scheduleTemplate { data: scheduleTemplate { timeZone days { weekday name blocks { ...ScheduleBlock } } } }
`);

const CreateScheduleBlock = graphql(`
  mutation createScheduleBlock($input: ScheduleBlockInput!) { data: createScheduleBlock(input: $input) { ...ScheduleBlock } }
`);

const UpdateScheduleBlock = graphql(`
  mutation updateScheduleBlock($id: ID!, $patch: ScheduleBlockPatch!) { data: updateScheduleBlock(id: $id, patch: $patch) { ...ScheduleBlock } }
`);

const MoveScheduleBlock = graphql(`
  mutation moveScheduleBlock($id: ID!, $position: Int!) { data: moveScheduleBlock(id: $id, position: $position) { ...ScheduleBlock } }
`);

const DeleteScheduleBlock = graphql(`
  mutation deleteScheduleBlock($id: ID!) { data: deleteScheduleBlock(id: $id) { id } }
`);

const CreateScheduleActivity = graphql(`
  mutation createScheduleActivity($blockId: ID!, $input: ScheduleActivityInput!) {
    data: createScheduleActivity(blockId: $blockId, input: $input) { ...ScheduleActivity }
  }
`);

const UpdateScheduleActivity = graphql(`
  mutation updateScheduleActivity($id: ID!, $patch: ScheduleActivityPatch!) {
    data: updateScheduleActivity(id: $id, patch: $patch) { ...ScheduleActivity }
  }
`);

const MoveScheduleActivity = graphql(`
  mutation moveScheduleActivity($id: ID!, $position: Int!, $blockId: ID) {
    data: moveScheduleActivity(id: $id, position: $position, blockId: $blockId) { ...ScheduleActivity }
  }
`);

const DeleteScheduleActivity = graphql(`
  mutation deleteScheduleActivity($id: ID!) { data: deleteScheduleActivity(id: $id) { id } }
`);

export const scheduleMethods = {
  /** The live schedule template: seven days of ordered blocks with their activities. */
  getScheduleTemplate: async () => read(ScheduleTemplate),
  createScheduleBlock: async (input: ScheduleBlockInput) => mutate(CreateScheduleBlock, { input }),
  updateScheduleBlock: async (id: string, patch: ScheduleBlockPatch) => mutate(UpdateScheduleBlock, { id, patch }),
  /** Moves a block within its day; answers the day's blocks in their new order. */
  moveScheduleBlock: async (id: string, position: number) => mutate(MoveScheduleBlock, { id, position }),
  deleteScheduleBlock: async (id: string) => mutate(DeleteScheduleBlock, { id }),
  createScheduleActivity: async (blockId: string, input: ScheduleActivityInput) => mutate(CreateScheduleActivity, { blockId, input }),
  updateScheduleActivity: async (id: string, patch: ScheduleActivityPatch) => mutate(UpdateScheduleActivity, { id, patch }),
  /** Moves an activity within its block, or into another block when blockId is given. */
  moveScheduleActivity: async (id: string, position: number, blockId?: string) => mutate(MoveScheduleActivity, { id, position, blockId }),
  deleteScheduleActivity: async (id: string) => mutate(DeleteScheduleActivity, { id }),
};
