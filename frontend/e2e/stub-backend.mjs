// A stand-in for the Socialflow API's auth endpoints, in memory, for running the e2e script
// before (or without) the Python backend. It follows the contract the dashboard is written
// against and serves frontend/dist with an SPA fallback, like the real app does.
//
//   node e2e/stub-backend.mjs --port 8123 [--token-ttl 5]
//
// --token-ttl: access-token lifetime in seconds (short values exercise the 401 -> refresh path).
import { createServer } from 'node:http'
import { randomBytes, randomUUID } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const PORT = Number(option('port', process.env.PORT ?? 8123))
const TOKEN_TTL = Number(option('token-ttl', 900))
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist')

const users = new Map() // id -> user (with password)
const accessTokens = new Map() // token -> { userId, expires }
const refreshTokens = new Map() // token -> userId (rotated on use)
const failedLogins = new Map() // email -> count

const token = () => randomBytes(24).toString('base64url')
const publicUser = ({ password: _password, ...user }) => user

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}
const fail = (res, status, code, message, details = null, headers) => send(res, status, { error: { code, message, details } }, headers)

function issue(res, user, status = 200) {
  const access = token()
  const refresh = token()
  accessTokens.set(access, { userId: user.id, expires: Date.now() + TOKEN_TTL * 1000 })
  refreshTokens.set(refresh, user.id)
  send(
    res,
    status,
    { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: TOKEN_TTL, user: publicUser(user) },
    {
      'Set-Cookie': `refresh_token=${refresh}; HttpOnly; Path=/api/auth; SameSite=Lax; Max-Age=2592000`,
    },
  )
}

function cookie(req, name) {
  const match = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${name}=`))
  return match ? match.slice(name.length + 1) : null
}

function currentUser(req) {
  const header = req.headers.authorization ?? ''
  const entry = header.startsWith('Bearer ') ? accessTokens.get(header.slice(7)) : null
  if (!entry || entry.expires < Date.now()) return null
  return users.get(entry.userId) ?? null
}

async function readJson(req) {
  let raw = ''
  for await (const chunk of req) raw += chunk
  try {
    return raw ? JSON.parse(raw) : {}
  } catch {
    return {}
  }
}

const routes = {
  'POST /api/auth/register': async (req, res) => {
    const { email = '', password = '', full_name = '' } = await readJson(req)
    const details = []
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) details.push({ field: 'email', message: 'Enter a valid e-mail address.' })
    if (password.length < 10) details.push({ field: 'password', message: 'Password must be at least 10 characters.' })
    if (!full_name.trim()) details.push({ field: 'full_name', message: 'Full name is required.' })
    if (details.length) return fail(res, 422, 'validation_error', 'Invalid input.', details)
    if ([...users.values()].some((u) => u.email === email.toLowerCase())) return fail(res, 409, 'email_taken', 'That e-mail is already registered.')
    const user = {
      id: randomUUID(),
      email: email.toLowerCase(),
      full_name: full_name.trim(),
      email_verified: false,
      timezone: null,
      subscription_tier: 'free',
      subscription_status: 'active',
      created_at: new Date().toISOString(),
      password,
    }
    users.set(user.id, user)
    console.log(`[outbox] verify ${user.email}: /verify-email?token=verify-${user.id}`)
    issue(res, user, 201)
  },
  'POST /api/auth/login': async (req, res) => {
    const { email = '', password = '' } = await readJson(req)
    const key = email.toLowerCase()
    if ((failedLogins.get(key) ?? 0) >= 5) return fail(res, 429, 'too_many_attempts', 'Too many attempts.', null, { 'Retry-After': '60' })
    const user = [...users.values()].find((u) => u.email === key)
    if (!user || user.password !== password) {
      failedLogins.set(key, (failedLogins.get(key) ?? 0) + 1)
      return fail(res, 401, 'invalid_credentials', 'Invalid e-mail or password.')
    }
    failedLogins.delete(key)
    issue(res, user)
  },
  'POST /api/auth/refresh': async (req, res) => {
    const body = await readJson(req)
    const presented = body.refresh_token ?? cookie(req, 'refresh_token')
    const userId = presented ? refreshTokens.get(presented) : null
    if (!userId) return fail(res, 401, 'invalid_refresh_token', 'No valid session.')
    refreshTokens.delete(presented)
    issue(res, users.get(userId))
  },
  'POST /api/auth/logout': async (req, res) => {
    const presented = cookie(req, 'refresh_token')
    if (presented) refreshTokens.delete(presented)
    res.writeHead(204, { 'Set-Cookie': 'refresh_token=; HttpOnly; Path=/api/auth; Max-Age=0' })
    res.end()
  },
  'GET /api/auth/me': async (req, res, user) => send(res, 200, publicUser(user)),
  'PATCH /api/auth/me': async (req, res, user) => {
    const body = await readJson(req)
    if ('full_name' in body && !String(body.full_name).trim()) return fail(res, 422, 'validation_error', 'Invalid input.', [{ field: 'full_name', message: 'Full name is required.' }])
    if ('timezone' in body) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: body.timezone })
      } catch {
        return fail(res, 422, 'validation_error', 'Invalid input.', [{ field: 'timezone', message: 'Unknown time zone.' }])
      }
    }
    Object.assign(user, 'full_name' in body ? { full_name: String(body.full_name).trim() } : {}, 'timezone' in body ? { timezone: body.timezone } : {})
    send(res, 200, publicUser(user))
  },
  'POST /api/auth/verify-email': async (req, res) => {
    const { token: presented = '' } = await readJson(req)
    const user = users.get(String(presented).replace(/^verify-/, ''))
    if (!user) return fail(res, 400, 'invalid_token', 'This verification link is invalid or has expired.')
    user.email_verified = true
    send(res, 200, publicUser(user))
  },
  'POST /api/auth/verify-email/resend': async (req, res, user) => {
    console.log(`[outbox] verify ${user.email}: /verify-email?token=verify-${user.id}`)
    send(res, 202, { status: 'sent' })
  },
  'POST /api/auth/password-reset/request': async (req, res) => {
    const { email = '' } = await readJson(req)
    const user = [...users.values()].find((u) => u.email === String(email).toLowerCase())
    if (user) console.log(`[outbox] reset ${user.email}: /reset-password?token=reset-${user.id}`)
    send(res, 202, { status: 'accepted' })
  },
  'POST /api/auth/password-reset/confirm': async (req, res) => {
    const { token: presented = '', new_password = '' } = await readJson(req)
    const user = users.get(String(presented).replace(/^reset-/, ''))
    if (!user) return fail(res, 400, 'invalid_token', 'This reset link is invalid or has expired.')
    if (new_password.length < 10) return fail(res, 422, 'validation_error', 'Invalid input.', [{ field: 'new_password', message: 'Password must be at least 10 characters.' }])
    user.password = new_password
    res.writeHead(204)
    res.end()
  },
}
const PUBLIC = new Set(['register', 'login', 'refresh', 'logout', 'verify-email', 'password-reset/request', 'password-reset/confirm'].map((p) => `/api/auth/${p}`))

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' }

async function serveStatic(req, res, pathname) {
  const file = path.join(DIST, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''))
  const isFile = file.startsWith(DIST) && (await stat(file).catch(() => null))?.isFile()
  const target = isFile ? file : path.join(DIST, 'index.html')
  const body = await readFile(target).catch(() => null)
  if (!body) return send(res, 500, { error: { code: 'no_build', message: 'Run npm run build first.' } })
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream' })
  res.end(body)
}

createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost')
  try {
    if (pathname.startsWith('/api/')) {
      const handler = routes[`${req.method} ${pathname}`]
      if (!handler) return fail(res, 404, 'not_found', 'Not found.')
      let user = null
      if (!PUBLIC.has(pathname)) {
        user = currentUser(req)
        if (!user) return fail(res, 401, 'not_authenticated', 'Not authenticated.')
      }
      return await handler(req, res, user)
    }
    return await serveStatic(req, res, pathname)
  } catch (error) {
    console.error(error)
    fail(res, 500, 'internal_error', 'Internal error.')
  }
}).listen(PORT, '127.0.0.1', () => console.log(`stub backend on http://127.0.0.1:${PORT} (token ttl ${TOKEN_TTL}s)`))
