import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Freshness {
  builtAt: number;
  installed: boolean;
  current: boolean;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildFreshness } = require('../../scripts/build-freshness') as { buildFreshness: (root: string) => Freshness };

/**
 * scripts/build-freshness.js on an installed tree (the Docker image: dist/, package.json and
 * package-lock.json, no apps/ or libs/), where the files' times say nothing: its stamp alone
 * makes it current. A checkout is still judged by times (test/api/test-harness.spec.ts).
 */
describe('the build check on an installed tree', () => {
  let root: string;
  const at = (path: string, iso: string) => utimesSync(join(root, path), new Date(iso), new Date(iso));
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rag-ledger-installed-'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'package.json'), '{}');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    at('package-lock.json', '2014-01-10T11:00:00Z');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is current with a stamp, even one older than package-lock.json (Docker may not keep times)', () => {
    writeFileSync(join(root, 'dist/.build-stamp'), '');
    at('dist/.build-stamp', '2014-01-10T10:00:00Z');
    expect(buildFreshness(root)).toMatchObject({ installed: true, current: true });
  });

  it('is not current without a stamp, and says it is installed (ensure-built.js then stops instead of building)', () => {
    expect(buildFreshness(root)).toMatchObject({ builtAt: 0, installed: true, current: false });
  });

  it('is a checkout again as soon as it holds sources: then an older stamp is stale', () => {
    writeFileSync(join(root, 'dist/.build-stamp'), '');
    at('dist/.build-stamp', '2014-01-10T10:00:00Z');
    mkdirSync(join(root, 'libs'));
    at('libs', '2014-01-10T09:00:00Z');
    expect(buildFreshness(root)).toMatchObject({ installed: false, current: false });
    at('package-lock.json', '2014-01-10T09:30:00Z');
    expect(buildFreshness(root)).toMatchObject({ installed: false, current: true });
  });
});
