import { api } from '../../app/api'
import type { ConnectMethod, PlatformInfo, SocialAccount } from './types'

export const platformsApi = api.injectEndpoints({
  endpoints: (build) => ({
    getPlatforms: build.query<PlatformInfo[], void>({
      query: () => ({ url: '/social-accounts/platforms' }),
      transformResponse: (body: { items: PlatformInfo[] }) => body.items,
      providesTags: ['Platforms'],
    }),
    getAccounts: build.query<SocialAccount[], void>({
      query: () => ({ url: '/social-accounts' }),
      transformResponse: (body: { items: SocialAccount[] }) => body.items,
      providesTags: ['Accounts'],
    }),
    /** `method`: Instagram's second way in, Business Login for Instagram (no Facebook Page). */
    connectAccount: build.mutation<{ authorization_url: string }, { platform: string; account_id?: string; method?: ConnectMethod }>({
      query: (body) => ({ url: '/social-accounts/connect', method: 'POST', data: body }),
    }),
    refreshAccount: build.mutation<SocialAccount, string>({
      query: (id) => ({ url: `/social-accounts/${id}/refresh`, method: 'POST', data: {} }),
      invalidatesTags: ['Accounts'],
    }),
    disconnectAccount: build.mutation<null, string>({
      query: (id) => ({ url: `/social-accounts/${id}`, method: 'DELETE' }),
      invalidatesTags: ['Accounts', 'Billing'],
    }),
    selectAccountChoice: build.mutation<SocialAccount, { id: string; choice_id: string }>({
      query: ({ id, choice_id }) => ({ url: `/social-accounts/${id}/select`, method: 'POST', data: { choice_id } }),
      invalidatesTags: ['Accounts'],
    }),
    /** Connect some of a login's choices (a LinkedIn member's Pages) as accounts of their own. */
    addAccountChoices: build.mutation<SocialAccount[], { id: string; choice_ids: string[] }>({
      query: ({ id, choice_ids }) => ({ url: `/social-accounts/${id}/choices`, method: 'POST', data: { choice_ids } }),
      transformResponse: (body: { items: SocialAccount[] }) => body.items,
      invalidatesTags: ['Accounts', 'Billing'],
    }),
  }),
})

export const {
  useGetPlatformsQuery,
  useGetAccountsQuery,
  useConnectAccountMutation,
  useRefreshAccountMutation,
  useDisconnectAccountMutation,
  useSelectAccountChoiceMutation,
  useAddAccountChoicesMutation,
} = platformsApi
