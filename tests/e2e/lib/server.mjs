// A real `zhitong serve` on a fresh SQLite database in a temporary folder, for browser tests.
//
//   const server = await startServer()          // builds nothing; see ensureBinary()
//   await server.addUser({ login, name, role, password })
//   … server.url …
//   await server.stop()
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

// The binary under test: $ZHITONG_BINARY, else build/test/zhitong (built here if missing).
// Throws with the reason when it cannot be had, so that a test fails saying why.
export function ensureBinary() {
  const binary = path.resolve(ROOT, process.env.ZHITONG_BINARY || 'build/test/zhitong')
  if (fs.existsSync(binary)) return binary
  const buildDir = path.dirname(binary)
  if (!fs.existsSync(path.join(buildDir, 'CMakeCache.txt'))) {
    throw new Error(
      `the zhitong binary ${binary} does not exist and ${buildDir} is not a CMake build folder; ` +
        'run `make test` (or set ZHITONG_BINARY) first',
    )
  }
  const built = spawnSync('cmake', ['--build', buildDir, '--target', 'zhitong', `-j${os.availableParallelism?.() ?? 2}`], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (built.status !== 0 || !fs.existsSync(binary)) {
    const tail = `${built.stdout ?? ''}${built.stderr ?? ''}`.split('\n').filter(Boolean).slice(-25).join('\n')
    throw new Error(`cannot build the zhitong binary (cmake --build ${buildDir} --target zhitong failed):\n${tail}`)
  }
  return binary
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function run(binary, args, input) {
  const result = spawnSync(binary, args, { cwd: ROOT, input, encoding: 'utf8', env: process.env })
  if (result.status !== 0) {
    throw new Error(`zhitong ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`)
  }
  return result.stdout
}

// The demo city is always the same (fixed seed), so it is loaded once per binary into a template
// database that each test copies: `zhitong demo` costs seconds under ASan, a copy nothing.
function demoTemplate(binary) {
  const stat = fs.statSync(binary)
  const template = path.join(os.tmpdir(), `zhitong-e2e-demo-${stat.size}-${Math.floor(stat.mtimeMs)}.db`)
  if (!fs.existsSync(template)) {
    const partial = `${template}.${process.pid}.partial`
    fs.rmSync(partial, { force: true })
    run(binary, ['demo', '--database', `sqlite:${partial}`])
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(partial + suffix)) throw new Error(`zhitong demo left ${partial}${suffix} behind`)
    }
    fs.renameSync(partial, template)
  }
  return template
}

// users: accounts to create (with `zhitong user add`) before the server starts.
// Creates a user with the command line, as an operator would.
export function addUser(binary, database, { login, name, role, password, departmentId, enterpriseId, officialId }) {
  const args = ['user', 'add', '--login', login, '--name', name, '--role', role, '--password-stdin', '--database', database]
  if (departmentId) args.push('--department-id', String(departmentId))
  if (enterpriseId) args.push('--enterprise-id', String(enterpriseId))
  if (officialId) args.push('--official-id', String(officialId))
  return run(binary, args, `${password}\n`)
}

// demo: load the demo city of Zibo and its one user per role (`zhitong demo`, password
// DEMO_PASSWORD) before serving. env: extra environment for the server (e.g. ZHITONG_FAKE_NOW).
export const DEMO_PASSWORD = 'zhitong-demo-2019'

export async function startServer({ webDir = path.join(ROOT, 'web/dist'), users = [], demo = false, env = {}, timeoutMs = 60000 } = {}) {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    throw new Error(`${webDir}/index.html is missing: build the web app first (scripts/build-web.sh)`)
  }
  const binary = ensureBinary()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhitong-e2e-'))
  const database = `sqlite:${path.join(dir, 'e2e.db')}`
  if (demo) fs.copyFileSync(demoTemplate(binary), path.join(dir, 'e2e.db'))
  for (const user of users) addUser(binary, database, user)

  const port = await freePort()
  const child = spawn(
    binary,
    ['serve', '--listen', `127.0.0.1:${port}`, '--database', database, '--web-dir', webDir, '--data-dir', dir],
    { cwd: ROOT, env: { ...process.env, ...env, ZHITONG_LOG_LEVEL: process.env.ZHITONG_LOG_LEVEL || 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stderr.on('data', (d) => {
    output += d
  })

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`zhitong serve did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs)
    child.stdout.on('data', (d) => {
      output += d
      const m = /is serving on (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1].replace(/\/$/, ''))
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`zhitong serve exited (${code}) before serving:\n${output}`))
    })
  })
  child.stdout.on('data', () => {}) // keep draining

  return {
    url,
    dir,
    database,
    binary,
    output: () => output,
    addUser: (user) => addUser(binary, database, user),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000)
        await exited
        clearTimeout(timer)
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
