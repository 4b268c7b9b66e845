/**
 * `npm run --silent token -- --user <id> --name "<name>" --role <role> [--plans A,B] [--schools <urn,...>] [--expires-in 12h]`
 * prints a signed bearer token and nothing else on stdout.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@rag-ledger/domain';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { issueToken } from '../auth/tokens';
import { loadConfig } from '../config/app-config';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\nusage: npm run --silent token -- --user <id> --name "<name>" --role <${ROLES.join('|')}> [--plans A,B] [--schools <urn,...>] [--expires-in 12h]\n`);
  process.exit(2);
}

function main(): void {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        user: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        plans: { type: 'string' },
        schools: { type: 'string' },
        'expires-in': { type: 'string' },
      },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    fail((error as Error).message);
  }
  const { user, name, role, plans, schools } = values;
  if (!user) fail('--user is required');
  if (!name) fail('--name is required');
  if (!role || !(ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const planList = plans ? plans.split(',').map((p) => p.trim()).filter(Boolean) : [];
  if (role === 'owner' && planList.length === 0) fail('an owner needs --plans with the plan ids they may update');
  const schoolList = schools ? schools.split(',').map((u) => u.trim()).filter(Boolean) : [];
  if (role === 'school' && schoolList.length === 0) fail('a school token needs --schools with the URN of the school (a headteacher or chair of governors sees only their own)');
  if (schoolList.length > 0 && role !== 'school' && role !== 'board') fail('--schools is for the school role, or a board member who may see the categories of named schools');
  if (schoolList.some((u) => !/^\d{6}$/.test(u))) fail('--schools takes six-digit URNs, separated by commas');
  const expiresIn = values['expires-in'];
  const token = issueToken(resolveJwtSecret(loadConfig()), {
    user,
    name,
    role: role as Role,
    plans: planList,
    schools: schoolList,
    expiresIn: expiresIn && /^\d+$/.test(expiresIn) ? Number(expiresIn) : expiresIn,
  });
  process.stdout.write(`${token}\n`);
}

main();
