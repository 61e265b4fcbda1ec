import { fuzzQueries } from './fuzz';

// Every query that takes arguments (the mutations: fuzz-1.test.ts and fuzz-2.test.ts).
fuzzQueries();
