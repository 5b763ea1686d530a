import base from '@dropout/eslint-config';

// The main entry is browser-safe: only src/node/ (the ./node subpath) may use Node's modules.
export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/node/**', 'src/node.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os'], message: 'The main entry of @dropout/run-record runs in browsers; put Node file helpers in src/node/.' }] }],
    },
  },
];
