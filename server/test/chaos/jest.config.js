/** The chaos suite (`npm run test:chaos`): like the server's config, but only `*.chaos.ts`, which the normal suite leaves out. */
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/chaos/**/*.chaos.ts'],
  testTimeout: 300_000,
};
