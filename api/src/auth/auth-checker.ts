import type { AuthCheckerFn } from 'type-graphql';
import type { Context } from '../context';
import { forbidden, unauthenticated } from '../common/errors';
import { API_CLIENT, type ApiScope } from './viewer';

/**
 * The one guard behind @Authorized: runs per guarded field and row, so it only reads the context
 * (never the database). Object-level rules (a learner's own data) live in the services.
 */
export const authChecker: AuthCheckerFn<Context> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) {
    throw unauthenticated(
      context.authProblem === 'expired'
        ? 'Your session has expired: sign in again'
        : context.authProblem === 'csrf'
          ? 'The session cookie came without its X-CSRF-Token header: sign in again'
          : context.authProblem === 'key-expired'
            ? 'This API key has expired: ask the program staff for a new key (they issue one with rotateApiClientKey)'
            : context.authProblem === 'key-invalid'
              ? 'This API key is not valid: it is unknown, or it or its client was revoked'
              : context.authProblem
                ? 'Your sign-in token is not valid: sign in again'
                : 'Sign in first',
    );
  }
  if (viewer.role === API_CLIENT) {
    // An API key reaches only the operations that name one of its scopes.
    if (!roles.some((r) => viewer.client!.scopes.includes(r as ApiScope))) throw forbidden('This API key has no scope for this operation');
    return true;
  }
  if (roles.length > 0 && !roles.includes(viewer.role)) {
    throw forbidden(`This needs the role ${roles.join(' or ')}`);
  }
  return true;
};
