import { resetFixtureIds } from './helpers/org.ts';

// Runs before every test file. Files share their worker process (isolate: false), so module state would
// carry over from the file before: give each file the same fixture ids it gets when run on its own.
resetFixtureIds();
