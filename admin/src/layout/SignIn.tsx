import { useRef, useState, type FormEvent } from 'react';
import './SignIn.css';

export interface SignInProps {
  /** rejects with an Error whose message is shown above the form */
  onSignIn: (credentials: { email: string; password: string }) => Promise<unknown>;
  /** called once, when the user first types or clicks in the form (not on the autofocus) */
  onStart?: () => void;
}

/**
 * The sign-in page. Plain React and CSS on purpose: it is the first page
 * anyone loads, so it must not wait for Material UI or react-admin.
 */
export function SignIn({ onSignIn, onStart }: SignInProps) {
  const started = useRef(false);
  const start = () => {
    if (started.current) return;
    started.current = true;
    onStart?.();
  };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn({ email, password });
    } catch (e) {
      setError((e as Error)?.message || 'Sign-in failed.');
      setBusy(false);
    }
  };

  return (
    <main className="wp-signin">
      <form
        className="wp-signin__card"
        onSubmit={submit}
        onInput={start}
        onKeyDown={start}
        onPointerDown={start}
        aria-labelledby="wp-signin-title"
      >
        <h1 id="wp-signin-title" className="wp-signin__brand">Waypoint</h1>
        <p className="wp-signin__tagline">Coach console — sign in to continue</p>
        {error && (
          <div className="wp-signin__error" role="alert">
            {error}
          </div>
        )}
        <div className="wp-signin__field">
          <label htmlFor="wp-email">Email</label>
          <input
            id="wp-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="wp-signin__field">
          <label htmlFor="wp-password">Password</label>
          <input
            id="wp-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button className="wp-signin__submit" type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
