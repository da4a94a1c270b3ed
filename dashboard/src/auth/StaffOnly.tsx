import { Navigate, useLocation } from '@solidjs/router';
import { type JSX, Show } from 'solid-js';
import { SIGN_IN_PATH, signInHref } from './landing';
import { useSession } from './SessionContext';
import type { AuthUser } from '../../../api/wire';

/**
 * A staff view, drawn only for a signed-in user; anyone else goes to the sign-in page with the
 * way back (`next`), or, after signing out, to the plain sign-in page.
 */
export function StaffOnly(props: { children: (user: AuthUser) => JSX.Element }) {
  const session = useSession();
  const location = useLocation();
  const away = () => {
    const ended = session.ended();
    return ended === 'signedOut' ? SIGN_IN_PATH : signInHref(location.pathname + location.search, ended ?? undefined);
  };
  return (
    <Show when={session.user()} keyed fallback={<Navigate href={away()} />}>
      {(user) => props.children(user)}
    </Show>
  );
}
