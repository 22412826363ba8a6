// Lint rules that guard the architecture as much as the style. Every "never" between
// the zones is a rule here, with a probe in test/unit/foundation/lint.test.ts:
// - src/core is pure: never vscode, src/host, webview/ or src/cli;
// - src/shared (the protocol every zone reads, the browser included) imports only src/shared;
// - webview/ runs in a browser: only webview/, src/shared and browser packages, no Node built-ins;
// - src/cli runs outside VS Code: never src/host (nor vscode);
// - src/host never imports webview/ (a separate bundle, reached only through the protocol).
// Import cycles are checked by scripts/check-import-cycles.ts (`npm run lint` runs both).
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const onlyHost = 'only src/host may import vscode: src/core, src/shared, src/cli and webview/ run without VS Code.';
const noVscode = { paths: [{ name: 'vscode', message: onlyHost }] };
/** import('vscode') and require('vscode'), which no-restricted-imports does not see. */
const noDynamicVscode = ['ImportExpression', "CallExpression[callee.name='require']"].map((call) => ({
  selector: `${call} > Literal[value='vscode']`,
  message: onlyHost,
}));

const sharedOnly = 'src/shared is the contract every zone reads, the browser included: it imports only src/shared.';

// Zones are folders, and imports are resolved to files before they are compared, so a
// type-only import, a re-export, import() and require() all count.
const zones = [
  { target: 'src/core', from: ['src/host', 'src/cli', 'webview'], message: 'src/core is pure: it never imports src/host, src/cli or webview/.' },
  { target: 'src/shared', from: '.', except: ['./src/shared', './node_modules'], message: sharedOnly },
  {
    target: 'webview',
    from: '.',
    except: ['./webview', './src/shared', './node_modules'],
    message: 'webview/ reaches the rest only through src/shared (the protocol): it imports only webview/ and src/shared.',
  },
  { target: 'src/cli', from: 'src/host', message: 'src/cli runs outside VS Code: it never imports src/host.' },
  { target: 'src/host', from: 'webview', message: 'src/host reaches the webview only through src/shared/protocol.ts: it never imports webview/.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }] },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noVscode],
      'no-restricted-syntax': ['error', ...noDynamicVscode],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      // Anything not relative is a package, a Node built-in or vscode; relative paths out
      // of src/shared are caught by the zones above.
      'no-restricted-imports': ['error', { patterns: [{ regex: '^[^.]', message: sharedOnly }] }],
      'no-restricted-syntax': [
        'error',
        ...['ImportExpression', "CallExpression[callee.name='require']"].map((call) => ({ selector: `${call} > Literal[value=/^[^.]/]`, message: sharedOnly })),
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noVscode],
      'no-restricted-syntax': ['error', ...noDynamicVscode],
      'import-x/no-nodejs-modules': 'error',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
