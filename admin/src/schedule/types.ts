/** The schedule template as the API sends it (see ScheduleTemplate in schema.graphql). */
export const BLOCK_KINDS = ['WORK_BLOCK', 'MORNING_SESSION', 'COACHING', 'BREAK'] as const;

export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface ScheduleActivity {
  id: string;
  blockId: string;
  position: number;
  title: string;
  description: string;
  link: string | null;
  minutes: number | null;
  required: boolean;
  updatedAt: string;
}

export interface ScheduleBlock {
  id: string;
  weekday: number;
  position: number;
  title: string;
  kind: BlockKind;
  /** "HH:MM" in the program time zone */
  startTime: string;
  endTime: string;
  updatedAt: string;
  activities: ScheduleActivity[];
}

export interface ScheduleDay {
  weekday: number;
  name: string;
  blocks: ScheduleBlock[];
}

export interface ScheduleTemplate {
  timeZone: string;
  days: ScheduleDay[];
}

export interface ScheduleBlockInput {
  weekday: number;
  title: string;
  kind: BlockKind;
  startTime: string;
  endTime: string;
  position?: number;
}

export type ScheduleBlockPatch = Partial<Omit<ScheduleBlockInput, 'position'>>;

export interface ScheduleActivityInput {
  title: string;
  description?: string;
  link?: string;
  minutes?: number;
  required?: boolean;
  position?: number;
}

export type ScheduleActivityPatch = Partial<Omit<ScheduleActivityInput, 'position'>>;

