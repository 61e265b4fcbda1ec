import { fuzzMutations } from './fuzz';

// Half of the mutations (the other half: fuzz-2.test.ts), so the two run side by side.
fuzzMutations(0, 2);
