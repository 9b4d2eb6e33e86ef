// Starts a real learning record store for the tests: Learning Locker's xAPI statement service
// (@learninglocker/xapi-statements, from npm) with its statements held in memory, on loopback.
//   node learning_locker.mjs --port-file F --user U --password P [--log F]
// The service asks an "client info" endpoint who a request's credentials belong to; this script
// is that endpoint: HTTP Basic with the user and password given is a client allowed everything,
// anything else is unknown (the service then answers 401). The statements API is at
// http://127.0.0.1:<port>/xAPI/ once the port file is written; ends on SIGTERM or after 300 s.
// (The service also tries to reach a MongoDB for its other stores and logs that it cannot; the
// statements do not need it.)
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { openSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const expected = 'Basic ' + Buffer.from(`${args.user}:${args.password}`).toString('base64');
const client = {
  _id: '5f0000000000000000000001', title: 'mnsim test station', isTrusted: true,
  lrs_id: '5f0000000000000000000002', organisation: '5f0000000000000000000003', scopes: ['all'],
  authority: { objectType: 'Agent', name: 'mnsim test station', mbox: 'mailto:station@academy.invalid' },
};

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const auth = createServer((req, res) => {
  const known = req.headers.authorization === expected;
  res.writeHead(known ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(known ? client : { error: 'no such client' }));
});
const authPort = await listen(auth);
// A free port for the service (taken, then given back for it to listen on).
const probe = createServer();
const port = await listen(probe);
await new Promise((resolve) => probe.close(resolve));

const require = createRequire(import.meta.url);
const server = require.resolve('@learninglocker/xapi-statements/dist/server.js');
const log = args.log ? openSync(args.log, 'a') : 'ignore';
const lrs = spawn(process.execPath, [server], {
  env: { ...process.env, EXPRESS_PORT: String(port), AUTH_REPO: 'fetch',
         LL_CLIENT_INFO_ENDPOINT: `http://127.0.0.1:${authPort}/auth`, EVENTS_REPO: 'test', MODELS_REPO: 'memory',
         STORAGE_REPO: 'memory', FS_LOCAL_STORAGE_DIR: '/nonexistent', EXPRESS_MORGAN_DIRECTORY: resolve(dirname(args['port-file'])),
         MONGO_URL: 'mongodb://127.0.0.1:1/none', WINSTON_CONSOLE_LEVEL: 'info' },
  stdio: ['ignore', log, log, 'ipc'],
});
lrs.on('message', (m) => { if (m === 'ready') writeFileSync(args['port-file'], String(port)); });
lrs.on('exit', (code) => { auth.close(); process.exit(code ?? 1); });
const stop = () => { lrs.kill('SIGTERM'); setTimeout(() => process.exit(0), 2000).unref(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setTimeout(stop, 300000).unref();
