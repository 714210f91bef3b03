import { api } from '../../app/api'

export interface LibraryItem {
  id: string
  title: string | null
  content: string
  tags: string[]
  media_ids: string[]
  is_template: boolean
  template_name: string | null
  created_at: string
  updated_at: string
}

export interface LibraryInput {
  content: string
  title?: string | null
  tags: string[]
  media_ids: string[]
  is_template: boolean
  template_name?: string | null
}

export interface LibraryQuery {
  q?: string
  tag?: string
  is_template?: boolean
  limit?: number
  offset?: number
}

export const libraryApi = api.injectEndpoints({
  endpoints: (build) => ({
    listLibrary: build.query<{ items: LibraryItem[]; total: number; limit: number; offset: number }, LibraryQuery>({
      query: (params) => ({ url: '/library', params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) }),
      providesTags: ['Library'],
    }),
    getLibraryTags: build.query<string[], void>({
      query: () => ({ url: '/library/tags' }),
      // Accept both a bare list and {items}.
      transformResponse: (body: string[] | { items?: Array<string | { tag: string }>; tags?: Array<string | { tag: string }> }) => {
        const list = Array.isArray(body) ? body : (body.tags ?? body.items ?? [])
        return list.map((t) => (typeof t === 'string' ? t : t.tag))
      },
      providesTags: ['Library'],
    }),
    createLibraryItem: build.mutation<LibraryItem, LibraryInput>({
      query: (body) => ({ url: '/library', method: 'POST', data: body }),
      invalidatesTags: ['Library'],
    }),
    updateLibraryItem: build.mutation<LibraryItem, { id: string } & Partial<LibraryInput>>({
      query: ({ id, ...body }) => ({ url: `/library/${id}`, method: 'PUT', data: body }),
      invalidatesTags: ['Library'],
    }),
    deleteLibraryItem: build.mutation<null, string>({
      query: (id) => ({ url: `/library/${id}`, method: 'DELETE' }),
      invalidatesTags: ['Library'],
    }),
    useLibraryItem: build.mutation<{ content: string; title: string | null; media_ids: string[] }, string>({
      query: (id) => ({ url: `/library/${id}/use`, method: 'POST', data: {} }),
    }),
  }),
})

export const { useListLibraryQuery, useGetLibraryTagsQuery, useCreateLibraryItemMutation, useUpdateLibraryItemMutation, useDeleteLibraryItemMutation, useUseLibraryItemMutation } = libraryApi
