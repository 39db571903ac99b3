// Resolves the workspace aliases (@benefits/*) to the compiled libs under dist/ when a built service runs.
const path = require('node:path');
const tsConfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, [target.replace(/\.ts$/, '.js')]]),
);
tsConfigPaths.register({ baseUrl: path.join(__dirname, '..', 'dist'), paths });
