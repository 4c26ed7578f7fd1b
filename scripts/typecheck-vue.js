// Type-checks the console with its single-file components (.vue) included.
// vue-tsc drives TypeScript's JavaScript API, which TypeScript 7 (the project's compiler) does not
// have; it runs here on TypeScript 5.9, installed beside it under the name `typescript-5`.
// Arguments are tsc's: `node scripts/typecheck-vue.js -p console/tsconfig.json`.
require('vue-tsc').run(require.resolve('typescript-5/lib/tsc'));
