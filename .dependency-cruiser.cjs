// Import rules for src/ (issue 12; see CONTRIBUTING.md "Layout"). Run by `npm run lint:deps`,
// which `npm test` runs first. Imports run downward only: src/index.ts -> feature -> platform.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders of src/ must not import each other in a cycle (folder level, as /work/shared/tools/folder-cycles.mjs).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/[^/]+' },
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-feature',
      comment: 'src/platform/ is the bottom layer: it imports no feature folder and not src/index.ts.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'nothing-imports-index',
      comment: 'src/index.ts wires the features together; nothing in src/ imports it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'no-other-feature-routes',
      comment:
        "A feature may use another feature's rules, queries and actions, never its routes (*.api.ts), pages (*.pages.tsx) or page components (*Page.tsx, *Pages.tsx). Shared UI lives in src/platform/ui/.",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/.+(\\.api\\.ts|\\.pages\\.tsx|/[A-Z][^/]*Pages?\\.tsx)$', pathNot: '^src/($1|platform)/' },
    },
    {
      name: 'src-imports-no-tests-or-scripts',
      comment: 'Application code does not import test/, scripts/ or bench/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
