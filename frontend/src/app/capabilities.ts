import { api } from './api'

/**
 * Which backend endpoints exist right now, read from the OpenAPI document: features whose
 * endpoints have not shipped stay hidden instead of failing (or faking results).
 */
export const capabilitiesApi = api.injectEndpoints({
  endpoints: (build) => ({
    getOperations: build.query<string[], void>({
      query: () => ({ url: '/openapi.json' }),
      transformResponse: (doc: { paths?: Record<string, Record<string, unknown>> }) =>
        Object.entries(doc.paths ?? {}).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)),
      providesTags: ['OpenApi'],
      keepUnusedDataFor: 3600,
    }),
  }),
})

/** `operation` is "METHOD /api/path" as written in the OpenAPI document, e.g. "POST /api/posts/{post_id}/optimize". */
export function useHasEndpoint(operation: string): boolean {
  const { data } = capabilitiesApi.useGetOperationsQuery()
  return data?.includes(operation) ?? false
}

export function useHasEndpoints(): { has: (operation: string) => boolean; loaded: boolean } {
  const { data } = capabilitiesApi.useGetOperationsQuery()
  return { has: (operation) => data?.includes(operation) ?? false, loaded: data !== undefined }
}
