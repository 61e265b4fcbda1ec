import type { AuthProvider, UserIdentity } from 'react-admin';
import { readGraphQLErrors, SESSION_ENDED_MESSAGE, UNREACHABLE_MESSAGE, type GraphQLErrorLike } from './errors';
import { clearSession, readSession, saveSession, validSession, type Session } from './session';

/** Same origin: the API serves /graphql next to /admin. */
export const GRAPHQL_URL = '/graphql';

// The session token comes back as an httpOnly cookie, never in the answer.
const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signInWithCookie(email: $email, password: $password) {
      csrfToken
      expiresAt
      user { id name role }
    }
  }
`;

const SIGN_OUT = /* GraphQL */ `
  mutation SignOut {
    signOut
  }
`;

export interface Credentials {
  email: string;
  password: string;
}

/**
 * Signs in with a plain fetch (no Apollo) so the sign-in page stays small.
 * Rejects with an Error whose message can be shown as is.
 */
export async function signIn({ email, password }: Credentials): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: SIGN_IN, variables: { email: email.trim(), password } }),
    });
  } catch {
    throw new Error(UNREACHABLE_MESSAGE);
  }
  let body: { data?: { signInWithCookie?: Session } | null; errors?: GraphQLErrorLike[] };
  try {
    body = await response.json();
  } catch {
    throw new Error(readGraphQLErrors([]).message);
  }
  if (body.errors?.length) throw new Error(readGraphQLErrors(body.errors).message);
  const session = body.data?.signInWithCookie;
  if (!session?.csrfToken) throw new Error(readGraphQLErrors([]).message);
  // A learner keeps the session too: the page they reach (layout/LearnerLanding.tsx) reads their own progress with it.
  saveSession(session);
  return session;
}

/** Signs out without react-admin (the learner's page has none): forgets the session here and ends it on the server. */
export async function signOut(): Promise<void> {
  const session = readSession();
  clearSession();
  await endSession(session);
}

/** Ends the session on the server (its cookie is cleared there); a session already gone, or a server away, is no error. */
async function endSession(session: Session | null): Promise<void> {
  if (!session) return;
  try {
    await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': session.csrfToken },
      body: JSON.stringify({ query: SIGN_OUT }),
    });
  } catch {
    // Signed out here all the same; the cookie expires with the session.
  }
}

function isUnauthenticated(error: unknown): boolean {
  const e = error as { status?: number; body?: { code?: string } } | null;
  return e?.status === 401 || e?.body?.code === 'UNAUTHENTICATED';
}

export const authProvider: AuthProvider = {
  login: async (params: Credentials) => {
    await signIn(params);
  },
  logout: async () => {
    const session = readSession();
    clearSession();
    await endSession(session);
  },
  checkAuth: async () => {
    const session = readSession();
    if (!session) throw { message: false };
    if (!validSession()) {
      clearSession();
      throw { message: SESSION_ENDED_MESSAGE };
    }
  },
  checkError: async (error: unknown) => {
    // FORBIDDEN and the rest are shown where they happen; only a refused token signs out.
    if (isUnauthenticated(error)) {
      clearSession();
      throw { message: (error as Error)?.message || SESSION_ENDED_MESSAGE };
    }
  },
  getPermissions: async () => validSession()?.user.role,
  getIdentity: async (): Promise<UserIdentity> => {
    const session = validSession();
    if (!session) throw new Error(SESSION_ENDED_MESSAGE);
    return { id: session.user.id, fullName: session.user.name };
  },
};
