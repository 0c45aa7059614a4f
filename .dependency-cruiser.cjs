// Layering and cycle rules from ../shared/ARCHITECTURE.md, checked by `npm run lint`.
// A request travels surface -> graph -> agent -> tool -> db; a lower layer never imports a higher one.
const layer = (name) => `^${name}/`;
const forbid = (from, to, comment) => ({
  name: `${from}-not-to-${to.replace(/[^a-z]+/g, '-')}`.replace(/-+$/, ''),
  comment,
  severity: 'error',
  // tests sit beside the code and may set up fixtures through db/ and test/helpers
  from: { path: layer(from), pathNot: '\\.test\\.ts$' },
  to: { path: `^(${to})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make initialisation order fragile and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    forbid('core', 'db|tools|prompts|agents|graph|server|evals|test', 'core depends on nothing of ours'),
    forbid('db', 'tools|prompts|agents|graph|server|evals|test', 'db depends on core only'),
    forbid('tools', 'prompts|agents|graph|server|evals|test', 'tools depend on db and core'),
    forbid('prompts', 'core|db|tools|agents|graph|server|evals|test', 'prompts are static text'),
    forbid('agents', 'db|graph|server|evals|test', 'agents are data over tools and prompts'),
    forbid('graph', 'db|server|evals|test', 'the graph reaches data only through tools'),
    forbid('server', 'db|evals|test', 'surfaces never touch the database: they call tools'),
    {
      name: 'nothing-imports-evals',
      comment: 'evals measure the product; no product file or product test depends on them.',
      severity: 'error',
      from: { path: '^(core|db|tools|prompts|agents|graph|server|test)/' },
      to: { path: '^evals/' },
    },
    {
      name: 'only-tests-import-test-helpers',
      comment: 'test/ helpers are for *.test.ts files and evals only.',
      severity: 'error',
      from: { path: '^(core|db|tools|prompts|agents|graph|server)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.data|\\.tmp)/' },
    tsPreCompilationDeps: false,
    moduleSystems: ['es6'],
    // TypeScript 7 has no compiler API; swc parses our .ts files.
    parser: 'swc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
