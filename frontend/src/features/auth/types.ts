import type { Schemas } from '../../api/types'

/** The signed-in user, as GET /auth/me and every sign-in answer carry it. */
export type User = Schemas['UserOut']

/** Body of register, login and refresh responses. */
export type AuthSession = Schemas['TokenPairOut']
