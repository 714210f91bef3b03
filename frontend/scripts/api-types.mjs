// Generates src/api/schema.d.ts from the backend's OpenAPI (dumped by scripts/dump_openapi.py
// from create_app(), no server needed). `--check` fails when the committed file is stale.
//
//   npm run api:types          # regenerate
//   npm run api:types:check    # make test: the generated types match the backend
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import * as prettier from 'prettier'

const here = path.dirname(fileURLToPath(import.meta.url))
const frontend = path.resolve(here, '..')
const repo = path.resolve(frontend, '..')
const target = path.join(frontend, 'src', 'api', 'schema.d.ts')
const python = process.env.PYTHON ?? (existsSync(path.join(repo, '.venv', 'bin', 'python')) ? path.join(repo, '.venv', 'bin', 'python') : 'python3')

const env = { ...process.env, PYTHONPATH: [repo, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) }
const doc = JSON.parse(execFileSync(python, [path.join(here, 'dump_openapi.py')], { cwd: repo, env, maxBuffer: 64 * 1024 * 1024 }).toString())
const ast = await openapiTS(doc, { alphabetize: true })
const header = "// Generated from the backend's OpenAPI by scripts/api-types.mjs: do not edit by hand.\n// Regenerate with `npm run api:types`; make test fails when it is stale.\n\n"
const source = await prettier.format(header + astToString(ast), { ...(await prettier.resolveConfig(target)), filepath: target })

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : ''
  if (current !== source) {
    console.error('src/api/schema.d.ts is stale: the backend API changed. Run `npm run api:types` in frontend/ and commit the result.')
    process.exit(1)
  }
  console.log('src/api/schema.d.ts matches the backend API.')
} else {
  writeFileSync(target, source)
  console.log(`wrote ${path.relative(process.cwd(), target)}`)
}
