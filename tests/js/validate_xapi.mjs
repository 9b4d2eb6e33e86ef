// Checks xAPI statements with Learning Locker's validator (xapi-validation, conformance-tested
// against xAPI 1.0.3):  node validate_xapi.mjs STATEMENTS.json
// The file holds one statement or an array. Prints each problem as "statement N: path: message"
// and exits 1 when there is any, 0 when every statement is valid.
import { readFileSync } from 'node:fs';
import validation from 'xapi-validation';

const validate = validation.default || validation;
const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node validate_xapi.mjs STATEMENTS.json');
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8'));
const statements = Array.isArray(data) ? data : [data];
let problems = 0;
statements.forEach((s, i) => {
  for (const w of validate(s)) {
    problems++;
    // The validator's warnings name the kind of problem and, for a value of the wrong type, the type
    // expected.
    const what = w.typeName ? `not a valid ${w.typeName}` : w.name || w.constructor.name;
    console.log(`statement ${i}: ${(w.path || []).join('.')}: ${what}: ${JSON.stringify(w.data)}`);
  }
});
console.log(`${statements.length} statements, ${problems} problems`);
process.exit(problems ? 1 : 0);
