// The direction the code reads in (README, Architecture): payload.config.ts -> src/plugin ->
// collections/ -> the shared pieces -> nothing above them. `npm run lint` checks it.
const SHARED = '^src/(access|fields|publishing|blocks|richtext|model|http|read-cache|read-model|structured-data|config|db|coordination|storage)/'
const PLUGIN_FEATURES = '^src/(audit|auth|graphql|preview|webhooks)/'
const APPLICATIONS = '^src/(server|site|import|backup|cli|app)/|^src/server\\.ts$|^(bench|soak|tools)/'

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Modules that import each other cannot be read, tested or moved on their own.', from: {}, to: { circular: true } },
    {
      name: 'only-the-plugin-imports-collections',
      severity: 'error',
      comment: 'collections/ is the content model the plugin assembles; everything else reaches it through Payload (slugs are in src/model/slugs.ts).',
      from: { path: '^(src|bench|soak)/', pathNot: '^src/plugin/' },
      to: { path: '^collections/' },
    },
    {
      name: 'collections-stay-below-the-plugin',
      severity: 'error',
      from: { path: '^collections/' },
      to: { path: `^src/plugin/|${APPLICATIONS}|^payload\\.config\\.ts$` },
    },
    {
      name: 'shared-pieces-import-nothing-above-them',
      severity: 'error',
      comment: 'access, fields, publishing, blocks, richtext, the model and the other shared pieces serve collections/ and the plugin; they never reach up.',
      from: { path: SHARED },
      to: { path: `^collections/|^src/plugin/|${PLUGIN_FEATURES}|${APPLICATIONS}|^payload\\.config\\.ts$` },
    },
    {
      name: 'plugin-features-stay-below-the-plugin',
      severity: 'error',
      comment: 'Audit, auth, GraphQL, preview and webhooks are parts the plugin installs; the server and site are applications on top.',
      from: { path: PLUGIN_FEATURES },
      to: { path: `^collections/|^src/plugin/|${APPLICATIONS}|^payload\\.config\\.ts$` },
    },
    {
      name: 'the-plugin-never-reaches-the-applications',
      severity: 'error',
      comment: 'A host without this server (Next only) loads the plugin: it must not pull in Express, the site renderer or the CLIs.',
      from: { path: '^src/plugin/' },
      to: { path: APPLICATIONS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.next)/|^src/app/|^test/host-project/clinic-site/src/migrations/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
}
