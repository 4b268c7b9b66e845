import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { requireCurrentBuild } from '../support/built-code';
import { bearer, removeDataDir, startTestApp, tokenFor, type TestApp } from '../support/test-app';

const WEB = resolve(__dirname, '../../dist/web');

/** The web board is served by the app itself, from dist/web, under the same strict CSP; /api is untouched. */
describe('serving the web board', () => {
  let t: TestApp;

  beforeAll(async () => {
    requireCurrentBuild();
    if (!existsSync(join(WEB, 'index.html'))) {
      throw new Error(`The web board is not built (${WEB}/index.html is missing): run node scripts/ensure-built.js, or npm test, which builds first.`);
    }
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
  });

  it('serves index.html at / with the CSP that allows only this origin', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<script type="module" src="/apps/web/src/main.js"></script>');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it.each([
    ['/apps/web/src/main.js', /javascript/],
    ['/apps/web/src/views/plan-board.js', /javascript/],
    // The contract the board shares with the API, compiled with the board as ES modules.
    ['/libs/contract/src/index.js', /javascript/],
    ['/styles.css', /text\/css/],
    ['/print.css', /text\/css/],
    ['/favicon.svg', /image\/svg\+xml/],
  ])('serves %s', async (path, type) => {
    const res = await t.http().get(path).expect(200);
    expect(res.headers['content-type']).toMatch(type);
  });

  it('leaves the API as it was: JSON, with its own 401 and 404', async () => {
    await t.http().get('/api/board').expect(401);
    const ok = await t.http().get('/api/board').set(bearer(tokenFor('board'))).expect(200);
    expect(ok.body).toEqual({ asOf: expect.any(String), plans: [], stamp: { position: null, head: null } });
    const missing = await t.http().get('/api/nothing-here').set(bearer(tokenFor('board'))).expect(404);
    expect(missing.headers['content-type']).toMatch(/json/);
    await t.http().get('/no-such-file.js').expect(404);
  });

  it('ships no inline script or style, and nothing from another origin', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const web = files(WEB).filter((f) => /\.(html|js|css)$/.test(f));
    expect(web.length).toBeGreaterThan(10);
    for (const file of web) {
      const text = readFileSync(file, 'utf8');
      expect({ file, inlineStyle: /\sstyle\s*=\s*["']/i.test(text) }).toEqual({ file, inlineStyle: false });
      expect({ file, inlineHandler: /\son[a-z]+\s*=\s*["']/i.test(text) }).toEqual({ file, inlineHandler: false });
      expect({ file, external: /(src|href)\s*=\s*["'](https?:)?\/\//i.test(text) || /@import\s+url\(\s*["']?https?:/i.test(text) }).toEqual({ file, external: false });
    }
    const index = readFileSync(join(WEB, 'index.html'), 'utf8');
    expect(index.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/apps/web/src/main.js">']);
    expect(index).not.toMatch(/<style\b/);
  });
});
