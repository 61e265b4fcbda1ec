import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { NotBlank } from '../../common/validators';

/**
 * The structured content of each kind of assignment. Each class is both the GraphQL input (…Input) and the
 * output type, so what a learner sends is exactly what a coach reads back; it is stored as JSON on the submission.
 */

export enum GoalArea {
  APPLICATIONS = 'APPLICATIONS',
  PORTFOLIO_PROJECTS = 'PORTFOLIO_PROJECTS',
  INTERVIEW_PRACTICE = 'INTERVIEW_PRACTICE',
  NETWORKING = 'NETWORKING',
}

registerEnumType(GoalArea, {
  name: 'GoalArea',
  description: 'The four areas SMART goals must cover.',
  valuesConfig: {
    APPLICATIONS: { description: 'Job applications, e.g. "apply to 15 jobs a week".' },
    PORTFOLIO_PROJECTS: { description: 'Portfolio projects.' },
    INTERVIEW_PRACTICE: { description: 'Interview practice (morning sessions, mock interviews).' },
    NETWORKING: { description: 'Networking.' },
  },
});

export enum FunnelStage {
  APPLICATIONS = 'APPLICATIONS',
  RESPONSES = 'RESPONSES',
  PHONE_SCREENS = 'PHONE_SCREENS',
  INTERVIEWS = 'INTERVIEWS',
  OFFERS = 'OFFERS',
}

registerEnumType(FunnelStage, {
  name: 'FunnelStage',
  description: 'Stages of the job-search funnel: applications → responses → phone screens → interviews → offers.',
  valuesConfig: {
    APPLICATIONS: { description: 'Not sending enough applications.' },
    RESPONSES: { description: 'Applications get no response.' },
    PHONE_SCREENS: { description: 'Responses do not turn into phone screens.' },
    INTERVIEWS: { description: 'Phone screens do not turn into interviews.' },
    OFFERS: { description: 'Interviews do not turn into offers.' },
  },
});

export enum MaterialType {
  CV = 'CV',
  COVER_LETTER = 'COVER_LETTER',
  PORTFOLIO = 'PORTFOLIO',
}

registerEnumType(MaterialType, {
  name: 'MaterialType',
  description: 'What application material is shared.',
  valuesConfig: { CV: { description: 'A CV / résumé.' }, COVER_LETTER: { description: 'A cover letter.' }, PORTFOLIO: { description: 'A portfolio.' } },
});

const TEXT = 5000;

@ObjectType({ description: 'One SMART goal in an area, with its numeric weekly target where it has one.' })
@InputType('SmartGoalInput', { description: 'One SMART goal in an area.' })
export class SmartGoal {
  @Field(() => GoalArea, { description: 'The area it belongs to.' })
  @IsEnum(GoalArea)
  area: GoalArea;

  @Field(() => String, { description: 'The goal, e.g. "Apply to 15 jobs a week that match my stack".' })
  @NotBlank()
  @Length(1, 500)
  statement: string;

  @Field(() => Int, { nullable: true, description: 'Numeric weekly target (0 to 1,000), e.g. 15 for "15 applications a week"; null when the goal has none.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  weeklyTarget?: number | null;
}

@ObjectType({ description: 'Job-searching SMART goals: long- and mid-term statements and goals in all four areas.' })
@InputType('SmartGoalsInput', { description: 'SMART goals: at least one goal in each of the four areas.' })
export class SmartGoals {
  @Field(() => String, { description: 'Long-term goal statement.' })
  @NotBlank()
  @MaxLength(TEXT)
  longTermGoal: string;

  @Field(() => String, { description: 'Mid-term goal statement.' })
  @NotBlank()
  @MaxLength(TEXT)
  midTermGoal: string;

  @Field(() => [SmartGoal], { description: 'Goals, 4 to 20, covering every GoalArea.' })
  @ArrayMinSize(4, { message: 'goals must include at least one goal in each of the four areas' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  goals: SmartGoal[];
}

@ObjectType({ description: 'A weekly retrospective: the three prompts.' })
@InputType('WeeklyRetrospectiveInput', { description: 'A weekly retrospective.' })
export class WeeklyRetrospective {
  @Field(() => String, { description: "What I achieved against last week's goals." })
  @NotBlank()
  @MaxLength(TEXT)
  achievements: string;

  @Field(() => String, { description: 'My challenges and blockers.' })
  @NotBlank()
  @MaxLength(TEXT)
  challenges: string;

  @Field(() => String, { description: 'What I commit to next week.' })
  @NotBlank()
  @MaxLength(TEXT)
  nextWeekCommitments: string;

  @Field(() => String, { description: 'One thing I will do differently.' })
  @NotBlank()
  @MaxLength(TEXT)
  doDifferently: string;
}

@ObjectType({ description: "A learner's diagnosis of their job-search funnel." })
@InputType('JobSearchAnalysisInput', { description: 'A job-search analysis: the funnel as the learner counts it and the stage they think fails.' })
export class JobSearchAnalysis {
  @Field(() => Int, { description: 'Applications sent (as the learner counts them).' })
  @IsInt()
  @Min(0)
  @Max(100000)
  applications: number;

  @Field(() => Int, { description: 'Responses received.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  responses: number;

  @Field(() => Int, { description: 'Phone screens.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  phoneScreens: number;

  @Field(() => Int, { description: 'Interviews.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  interviews: number;

  @Field(() => Int, { description: 'Offers.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  offers: number;

  @Field(() => FunnelStage, { description: 'The stage the learner thinks is failing.' })
  @IsEnum(FunnelStage)
  failingStage: FunnelStage;

  @Field(() => String, { description: 'Why, and what they will change.' })
  @NotBlank()
  @MaxLength(TEXT)
  diagnosis: string;
}

@ObjectType({ description: 'Application material shared by link.' })
@InputType('ApplicationMaterialInput', { description: 'Application material (optional assignment): a link and a note.' })
export class ApplicationMaterial {
  @Field(() => MaterialType, { description: 'What it is.' })
  @IsEnum(MaterialType)
  materialType: MaterialType;

  @Field(() => String, { description: 'An http(s) link to it.' })
  @Matches(/^https?:\/\/\S+$/, { message: 'link must be an http(s) URL' })
  @MaxLength(2048)
  link: string;

  @Field(() => String, { description: 'What the learner wants feedback on (may be empty).' })
  @IsString()
  @MaxLength(TEXT)
  note: string;
}
