import type { components } from './schema'

/** The API's shapes, generated from the backend's OpenAPI (schema.d.ts, `npm run api:types`). */
export type Schemas = components['schemas']

/**
 * A response as the server sends it: fields with a default are always present (they are in
 * every answer), though the generated shape marks them optional.
 */
export type Sent<T> = { [K in keyof T]-?: Exclude<T[K], undefined> }
