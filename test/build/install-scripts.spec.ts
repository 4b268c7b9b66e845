import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

/** npm 11 runs a dependency's install script only when allowScripts approves it; councils run closed networks. */
describe('install scripts', () => {
  const withScripts = [...new Set(Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && p.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)))].sort();

  it('are each approved or denied in package.json, so a fresh npm ci warns of none', () => {
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean')).toEqual([]);
  });

  it("let better-sqlite3 build its native module and protobufjs run its postinstall, and deny scarf's analytics call", () => {
    expect(pkg.allowScripts).toMatchObject({ 'better-sqlite3': true, protobufjs: true, '@scarf/scarf': false });
  });
});
