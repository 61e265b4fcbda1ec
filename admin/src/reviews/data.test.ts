import { parse, print, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { ReviewQueueDocument } from '../gql/graphql';
import { QUEUE_VIEWS } from './labels';
import { QUEUE_ITEM_SELECTION } from './types';

// api/test/compiled-reads.test.ts compiles QUEUE_ITEM_SELECTION and QUEUE_VIEWS: they must be what the console sends.
const root = (ReviewQueueDocument.definitions[0] as OperationDefinitionNode).selectionSet.selections as FieldNode[];
const selection = (set: SelectionSetNode | undefined) => (set ? print(set) : '');

test('the review queue request selects QUEUE_ITEM_SELECTION for its rows', () => {
  const items = root.find((field) => field.alias?.value === 'items')!;
  expect(selection(items.selectionSet)).toBe(selection((parse(`{ ${QUEUE_ITEM_SELECTION} }`).definitions[0] as OperationDefinitionNode).selectionSet));
});

test('the review queue request counts exactly the saved filters of QUEUE_VIEWS', () => {
  const counts = root.filter((field) => field.name.value === '_reviewQueueMeta').map((field) => field.alias?.value);
  expect(counts).toEqual(QUEUE_VIEWS.map((view) => view.id));
});
