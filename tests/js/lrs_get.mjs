// Reads every statement a learning record store holds, following its "more" links, as a
// reporting tool of the academy would:  node lrs_get.mjs ENDPOINT USER PASSWORD OUT.json
import { writeFileSync } from 'node:fs';

const [endpoint, user, password, out] = process.argv.slice(2);
const headers = {
  Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
  'X-Experience-API-Version': '1.0.3',
};
const base = new URL(endpoint);
const statements = [];
let next = new URL('statements?limit=50', base);
while (next) {
  const res = await fetch(next, { headers });
  if (res.status !== 200) {
    console.error(`${next}: ${res.status} ${await res.text()}`);
    process.exit(1);
  }
  const page = await res.json();
  statements.push(...page.statements);
  next = page.more ? new URL(page.more, base) : null;
}
writeFileSync(out, JSON.stringify(statements, null, 1));
console.log(`${statements.length} statements`);
