/** Writes static/demo/customers.csv from the seeded generator (run: npm run demo:generate). */
import { writeFileSync } from 'node:fs';
import { generateCustomers } from './demo/customers';

const { csv } = generateCustomers();
writeFileSync(new URL('../static/demo/customers.csv', import.meta.url), csv);
console.log(`static/demo/customers.csv: ${csv.length.toLocaleString('en')} characters`);
