// A local xAPI statement endpoint for the tests: what a learning record store does with a POST of
// statements, checked strictly, on loopback. (No LRS can be run here: Learning Locker and the ADL
// LRS need MongoDB or Python packages that neither Debian nor npm provides as a server.)
//   node lrs_endpoint.mjs --port-file F --store F.jsonl [--user U --password P] [--fail-first N]
//                         [--fail-status 503]
// POST /xapi/statements (one statement or an array):
//   - X-Experience-API-Version must be 1.0.x, Content-Type application/json, HTTP Basic with the
//     user and password given (401 otherwise);
//   - every statement is checked by Learning Locker's validator (xapi-validation): 400 with the
//     problems when any fails;
//   - a statement whose id is already stored is kept once when it is the same, 409 when it differs;
//   - the first N requests (--fail-first) are answered --fail-status instead, to test retries.
// Accepted statements are appended to the store file, one JSON line each, with "stored" added.
// Answers 200 with the list of ids, as xAPI 1.0.3 says. Writes its port to the port file when it
// listens; ends on SIGTERM or after 120 s.
import { createServer } from 'node:http';
import { appendFileSync, writeFileSync } from 'node:fs';
import validation from 'xapi-validation';

const validate = validation.default || validation;
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const expectedAuth = 'Basic ' + Buffer.from(`${args.user || 'mnsim'}:${args.password || 'secret'}`).toString('base64');
let failuresLeft = Number(args['fail-first'] || 0);
const failStatus = Number(args['fail-status'] || 503);
const stored = new Map();
let requests = 0;

function answer(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' });
  res.end(JSON.stringify(body));
}

function canonical(statement) {
  const { stored: _s, authority: _a, ...rest } = statement;
  return JSON.stringify(rest);
}

function handle(req, res, body) {
  requests++;
  if (failuresLeft > 0) {
    failuresLeft--;
    return answer(res, failStatus, { error: 'the store is busy', request: requests });
  }
  if (req.method !== 'POST' || req.url !== '/xapi/statements') return answer(res, 404, { error: `no ${req.method} ${req.url}` });
  if (!/^1\.0(\.\d+)?$/.test(req.headers['x-experience-api-version'] || ''))
    return answer(res, 400, { error: 'X-Experience-API-Version header missing or not 1.0.x' });
  if (!(req.headers['content-type'] || '').startsWith('application/json'))
    return answer(res, 400, { error: 'Content-Type must be application/json' });
  if (req.headers.authorization !== expectedAuth) return answer(res, 401, { error: 'wrong user or password' });
  let statements;
  try {
    statements = JSON.parse(body);
  } catch (e) {
    return answer(res, 400, { error: `not JSON: ${e.message}` });
  }
  if (!Array.isArray(statements)) statements = [statements];
  const problems = [];
  statements.forEach((s, i) => {
    for (const w of validate(s)) problems.push(`statement ${i}: ${(w.path || []).join('.')}: ${w.typeName || w.name}`);
    if (!s.id) problems.push(`statement ${i}: no id`);
  });
  if (problems.length) return answer(res, 400, { error: 'invalid statements', problems });
  for (const s of statements)
    if (stored.has(s.id) && stored.get(s.id) !== canonical(s))
      return answer(res, 409, { error: `statement ${s.id} exists and differs` });
  const now = new Date().toISOString();
  for (const s of statements) {
    if (stored.has(s.id)) continue;
    stored.set(s.id, canonical(s));
    appendFileSync(args.store, JSON.stringify({ ...s, stored: now }) + '\n');
  }
  return answer(res, 200, statements.map((s) => s.id));
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.listen(0, '127.0.0.1', () => writeFileSync(args['port-file'], String(server.address().port)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
setTimeout(() => process.exit(0), 120000).unref();
