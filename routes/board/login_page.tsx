/**
 * The login form: the API token goes in a POST body (never a URL) and buys a session cookie.
 *
 * @module
 */
import type { ComponentChildren } from "preact";

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  next: string;
  error?: string;
}

/** The login page's body. */
export function LoginPage({ next, error }: LoginPageProps): ComponentChildren {
  return (
    <>
      <h1>Log in</h1>
      <form method="post" action="/login" class="stack login">
        <input type="hidden" name="next" value={next} />
        <label for="token">API token</label>
        <input id="token" type="password" name="token" required autocomplete="current-password" />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit">Log in</button>
      </form>
    </>
  );
}
