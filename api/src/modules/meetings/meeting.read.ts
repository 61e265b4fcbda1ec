import { computed, readType, through } from '../../read/declare';
import { isoSql, type JsonType } from '../../read/json-select';
import { readRoots } from '../../read/root';
import { LearnerRead } from '../learners/learner.read';
import { UserRead } from '../users/user.read';
import { Meeting, TimeWindow } from './meeting.entity';
import { urgentSql } from './meeting.service';

/**
 * A window as the windows column holds it: one element `w` of its jsonb array, the instants written as JSON.stringify
 * writes a Date. Read back through timestamptz, so the answer is the instant whatever the text's offset was.
 */
const TimeWindowJson: JsonType = {
  name: 'TimeWindow',
  from: () => '',
  fields: {
    startsAt: (w) => isoSql(`(${w} ->> 'startsAt')::timestamptz`),
    endsAt: (w) => isoSql(`(${w} ->> 'endsAt')::timestamptz`),
  },
};

/**
 * Meeting's fields beyond its plain columns, each once: its SQL is both the compiled read and the resolver, so the
 * console's meeting queue (its rows with learner, coach, windows and urgent, and the count of every tab) is one
 * statement, where a row's learner and coach were entities loaded by resolvers.
 */
export const MeetingRead = readType(Meeting, 'meetings', {
  urgent: computed({
    type: () => Boolean,
    description: 'True for an OFFER request still waiting: the coach should answer it first.',
    sql: (m) => `(${urgentSql(m)})`,
    reads: [],
  }),
  learner: through({ property: 'learner', target: () => LearnerRead, description: 'The learner.' }),
  coach: through({ property: 'coach', target: () => UserRead, description: "The coach: the learner's coach while requested, then the coach who scheduled it." }),
  windows: computed({
    type: () => [TimeWindow],
    description: 'When the learner can meet, 1 to 5 windows.',
    // Compiled: each window built for the selection, in the column's order. The resolver (no selection) takes the
    // column whole and GraphQL reads each window's fields.
    sql: (m, scope, node) => {
      if (!node) return `${m}.windows`;
      const x = scope.params.alias('x');
      const window = scope.object('TimeWindow', node, `${x}.w`);
      return window === null ? null : `(select coalesce(json_agg(${window} order by ${x}.n), '[]'::json) from jsonb_array_elements(${m}.windows) with ordinality ${x}(w, n))`;
    },
    reads: [],
  }),
});

readRoots({}, [TimeWindowJson]);
