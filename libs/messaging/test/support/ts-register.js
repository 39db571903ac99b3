// Lets a plain `node` child process run this repository's TypeScript, for the tests that SIGKILL a real process.
// ts-node and tsx are not installed, so every required .ts file is transpiled in memory with TypeScript's own
// transpileModule (no type check: `tsc --noEmit` does that) and the @benefits/* aliases resolve to the sources
// through tsconfig-paths. Usage: node -r libs/messaging/test/support/ts-register.js some-script.ts
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const tsConfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '../../../..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
tsConfigPaths.register({ baseUrl: root, paths: compilerOptions.paths });

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
