// `npm run test:chaos`: builds what is stale (the suite runs server/dist as a child process), then runs the
// chaos scenarios with jest. Needs redis-server and the Postgres binaries (initdb, pg_ctl) installed; it
// starts private servers of its own and never touches the shared ones.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWorkspaces, repoRoot } from '../../../scripts/services.mjs';

buildWorkspaces(['shared', 'server']);
const jest = spawn(
  process.execPath,
  ['--experimental-vm-modules', path.join(repoRoot, 'node_modules/jest/bin/jest.js'), '--config', 'server/test/chaos/jest.config.js', '--runInBand', '--forceExit', ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit' },
);
jest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
