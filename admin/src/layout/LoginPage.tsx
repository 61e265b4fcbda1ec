import { useLogin } from 'react-admin';
import { SignIn } from './SignIn';

/** The sign-in page inside react-admin (after a sign-out or an expired session). */
export function LoginPage() {
  const login = useLogin();
  return <SignIn onSignIn={(credentials) => login(credentials)} />;
}
