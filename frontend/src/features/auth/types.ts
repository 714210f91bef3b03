export interface User {
  id: string
  email: string
  full_name: string
  email_verified: boolean
  timezone: string | null
  brand_voice?: string | null
  subscription_tier: string
  subscription_status: string
  created_at: string
}

/** Body of register, login and refresh responses. */
export interface AuthSession {
  access_token: string
  refresh_token: string
  token_type: 'bearer'
  expires_in: number
  user: User
}
