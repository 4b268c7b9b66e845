import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { buildContextFiles } from '../support/docker-context';
import { copyOf, envOf, readDockerfile, type Instruction, type Stage } from '../support/dockerfile';

/**
 * The image's file layout, made without Docker by the Dockerfile's own steps (read from the
 * file, so an edit that breaks the image breaks this test), and the CLIs run in it as
 * `docker compose exec api npm run --silent token` runs them: issue 21's first defect, where
 * every `npm run <cli>` in the container tried to rebuild dist/ without the dev dependencies.
 *
 * 1. The build stage: the build context (the files `.dockerignore` lets in) is copied into a
 *    temporary directory with `node_modules` a symlink to this checkout's (standing in for
 *    `npm ci`), and the stage's steps after `COPY . .` run there.
 * 2. The run stage: its `COPY --from=build` lines are laid out in a second directory, whose
 *    `node_modules` holds only the production dependencies, and its ENV lines are the CLIs'
 *    environment.
 */

const ROOT = join(__dirname, '..', '..');
const BUILD_TIMEOUT_MS = 10 * 60_000;
const CLI_TIMEOUT_MS = 2 * 60_000;
const SECRET = 'image-layout-test-secret-of-at-least-32-characters';

const stages = readDockerfile(join(ROOT, 'Dockerfile'));
const runStage = stages.at(-1)!;

function workdirOf(stage: Stage, before = Infinity): string {
  const set = stage.instructions.filter((i) => i.keyword === 'WORKDIR' && i.line < before).at(-1);
  return set ? set.args : '/';
}

function copyFromBuild(instruction: Instruction) {
  const copy = copyOf(instruction.args);
  if (!copy.flags.from) throw new Error(`Dockerfile line ${instruction.line}: this test lays out only COPY --from=<stage> in the run stage; teach it ${instruction.keyword} ${instruction.args}`);
  return copy;
}

const buildStageName = runStage.instructions.filter((i) => i.keyword === 'COPY').map((i) => copyFromBuild(i).flags.from)[0];
const buildStage = stages.find((s) => s.name === buildStageName);

/** The build stage's shell commands after `COPY . .`, without `npm prune` (see below). */
function buildCommands(stage: Stage): string[] {
  const copyAll = stage.instructions.findIndex((i) => i.keyword === 'COPY' && i.args === '. .');
  if (copyAll < 0) throw new Error('the build stage has no `COPY . .`: this test runs the steps after it');
  const commands: string[] = [];
  for (const instruction of stage.instructions.slice(copyAll + 1)) {
    if (instruction.keyword !== 'RUN') throw new Error(`Dockerfile line ${instruction.line}: after COPY . . this test runs RUN steps only; teach it ${instruction.keyword}`);
    for (const command of instruction.args.split('&&').map((c) => c.trim())) {
      // `npm prune --omit=dev` would write node_modules, here a symlink to the checkout's own,
      // which everyone on the machine uses. The run stage's production-only node_modules
      // (productionNodeModules below) stands in for the pruned one.
      if (/^npm\s+prune\b/.test(command)) continue;
      if (/\bnpm\s+(?!run\b)\S+/.test(command)) throw new Error(`Dockerfile line ${instruction.line}: \`${command}\` may write node_modules, which is the checkout's own here; this test runs only \`npm run\` steps after COPY . .`);
      commands.push(command);
    }
  }
  return commands;
}

/** Every file of `dir` (relative paths, directories included), for setting their times. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isSymbolicLink()) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? [path, ...walk(path)] : [path];
  });
}

/**
 * A node_modules of symlinks to each production dependency npm lists for this checkout, as
 * `npm prune --omit=dev` leaves it: the build tools (nest, tsc) are not there, so an attempt
 * to rebuild fails as it does in the image. (A linked package's own requires resolve from its
 * real place, so this proves the app's and the scripts' requires, not every package's.)
 */
function productionNodeModules(into: string): void {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (!listed.stdout) throw new Error(`npm ls --omit=dev failed: ${listed.stderr}`);
  const modules = join(ROOT, 'node_modules');
  const real = realpathSync(modules);
  mkdirSync(into);
  for (const path of listed.stdout.split('\n').filter((p) => p.startsWith(`${modules}/`))) {
    const name = relative(modules, path);
    if (name.includes('/node_modules/')) continue; // nested: inside a linked package already
    mkdirSync(dirname(join(into, name)), { recursive: true });
    symlinkSync(join(real, name), join(into, name), 'dir');
  }
}

/** This environment without what jest sets (NODE_ENV=test), which the image's build has not. */
function buildEnv(): NodeJS.ProcessEnv {
  const { NODE_ENV: _jest, ...env } = process.env;
  return env;
}

interface Layout {
  work: string;
  app: string;
  env: Record<string, string>;
}

function layOutImage(): Layout {
  const work = mkdtempSync(join(tmpdir(), 'rag-ledger-image-'));
  try {
    return layOutImageIn(work);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

function layOutImageIn(work: string): Layout {
  if (!buildStage) throw new Error(`the run stage copies from "${buildStageName}", a stage the Dockerfile does not name`);
  const build = join(work, 'build');
  for (const file of buildContextFiles(ROOT)) {
    mkdirSync(dirname(join(build, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(build, file));
  }
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(build, 'node_modules'), 'dir');
  const steps = buildCommands(buildStage).join(' && ');
  const built = spawnSync('sh', ['-c', steps], { cwd: build, encoding: 'utf8', env: buildEnv(), timeout: BUILD_TIMEOUT_MS });
  if (built.status !== 0) throw new Error(`the build stage's \`${steps}\` failed (${built.status ?? built.signal}):\n${built.stdout}\n${built.stderr}`);

  const app = join(work, 'app');
  mkdirSync(app);
  const buildWorkdir = workdirOf(buildStage);
  const env: Record<string, string> = {};
  for (const instruction of runStage.instructions) {
    if (instruction.keyword === 'ENV') Object.assign(env, envOf(instruction.args));
    else if (instruction.keyword === 'COPY') {
      const { sources, destination } = copyFromBuild(instruction);
      const target = posix.isAbsolute(destination) ? destination : posix.join(workdirOf(runStage, instruction.line), destination);
      const intoDirectory = sources.length > 1 || destination.endsWith('/');
      for (const source of sources) {
        const from = posix.relative(buildWorkdir, posix.resolve(buildWorkdir, source));
        const to = join(app, posix.relative(workdirOf(runStage), intoDirectory ? posix.join(target, posix.basename(source)) : target));
        if (from === 'node_modules') productionNodeModules(to);
        else if (statSync(join(build, from)).isDirectory()) cpSync(join(build, from), to, { recursive: true });
        else {
          mkdirSync(dirname(to), { recursive: true });
          copyFileSync(join(build, from), to);
        }
      }
    } else if (instruction.keyword === 'RUN') {
      // The run stage makes the /data volume's directory for the node user; here the CLIs
      // get a temporary data directory instead.
      if (!/^mkdir -p \/data && chown \S+ \/data$/.test(instruction.args)) throw new Error(`Dockerfile line ${instruction.line}: this test does not know the run stage's step \`${instruction.args}\`; teach it`);
    } else if (!['FROM', 'WORKDIR', 'USER', 'VOLUME', 'EXPOSE', 'HEALTHCHECK', 'CMD', 'LABEL', 'ARG'].includes(instruction.keyword)) {
      throw new Error(`Dockerfile line ${instruction.line}: this test does not lay out ${instruction.keyword}; teach it`);
    }
  }
  // Docker's COPY may keep the files' times or not (BuildKit can clamp them all to
  // SOURCE_DATE_EPOCH): make the build stamp the oldest file of the layout, so a check that
  // trusted times would take the build for stale here.
  const now = new Date();
  for (const path of walk(app)) utimesSync(path, now, now);
  const stamp = join(app, 'dist', '.build-stamp');
  if (existsSync(stamp)) utimesSync(stamp, new Date('2000-01-01T00:00:00Z'), new Date('2000-01-01T00:00:00Z'));
  return { work, app, env };
}

describe("the image's file layout (the Dockerfile's steps, without Docker)", () => {
  let layout: Layout;
  let dataDir: string;
  beforeAll(() => {
    layout = layOutImage();
    dataDir = join(layout.work, 'data');
    mkdirSync(dataDir);
  }, BUILD_TIMEOUT_MS);
  afterAll(() => {
    if (layout) rmSync(layout.work, { recursive: true, force: true });
  });

  /** `npm run --silent <script> -- <args>` in the layout, with the image's environment and nothing of this one's but PATH and HOME. */
  function npmRun(script: string, args: string[] = [], extra: Record<string, string> = {}) {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? layout.work, ...layout.env, RAG_LEDGER_DATA_DIR: dataDir, ...extra };
    const run = spawnSync('npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], { cwd: layout.app, env, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('holds the built app and its production dependencies, and no sources or build tools', () => {
    expect(existsSync(join(layout.app, 'dist/apps/api/src/main.js'))).toBe(true);
    expect(existsSync(join(layout.app, 'package.json'))).toBe(true);
    for (const absent of ['apps', 'libs', 'node_modules/@nestjs/cli', 'node_modules/typescript']) expect([absent, existsSync(join(layout.app, absent))]).toEqual([absent, false]);
    expect(existsSync(join(layout.app, 'node_modules/@nestjs/core'))).toBe(true);
    expect(layout.env.NODE_ENV).toBe('production');
  });

  it('runs `npm run --silent token` without building: a token signed with the secret on stdout, nothing else', () => {
    const run = npmRun('token', ['--user', 'ada', '--name', 'Ada Admin', '--role', 'admin'], { RAG_LEDGER_JWT_SECRET: SECRET });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/building/i) });
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const [header, payload, signature] = run.stdout.trim().split('.');
    expect(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toMatchObject({ sub: 'ada', name: 'Ada Admin', role: 'admin' });
  }, CLI_TIMEOUT_MS);

  it('runs `npm run --silent verify` on an empty data directory without building: the empty log holds', () => {
    const run = npmRun('verify');
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/building/i) });
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
  }, CLI_TIMEOUT_MS);

  it('runs `npm run --silent migrate:to-eventstoredb` without building: its own message when no EventStoreDB is named', () => {
    const run = npmRun('migrate:to-eventstoredb');
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('EVENTSTORE_CONNECTION_STRING is not set') });
    expect(run.stderr).not.toMatch(/building/i);
  }, CLI_TIMEOUT_MS);

  it('refuses, saying why, to run without the build stamp: it does not try to build in an image', () => {
    const stamp = join(layout.app, 'dist', '.build-stamp');
    renameSync(stamp, `${stamp}.aside`);
    try {
      const run = npmRun('token', ['--user', 'ada', '--name', 'Ada Admin', '--role', 'admin'], { RAG_LEDGER_JWT_SECRET: SECRET });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
      expect(run.stderr).toContain('this installation holds no sources to build from');
      expect(run.stderr).not.toMatch(/building|Cannot find module/i);
    } finally {
      renameSync(`${stamp}.aside`, stamp);
    }
  }, CLI_TIMEOUT_MS);
});
