import { type Accessor, batch, createContext, createSignal, type JSX, onCleanup, useContext } from 'solid-js';
import { onUnauthenticated } from '../data/api';
import { signOut as postSignOut } from './authApi';
import type { SignInReason } from './landing';
import type { AuthUser } from '../../../api/wire';

/** Why nobody is signed in any more: the session expired (a 401), or the user signed out. */
export type SessionEnd = SignInReason | 'signedOut';

export interface Session {
  user: Accessor<AuthUser | null>;
  ended: Accessor<SessionEnd | null>;
  signedIn(user: AuthUser): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session>();

/**
 * Who is signed in, for every view: known before the first render (main.tsx asks /api/auth/me),
 * then changed by the sign-in form, the sign-out button, and any 401 an API call or the stream
 * gets while signed in (the session expired): the staff routes' guard then sends the viewer to
 * sign in, with the way back.
 */
export function SessionProvider(props: { initial: AuthUser | null; children: JSX.Element }) {
  const [user, setUser] = createSignal<AuthUser | null>(props.initial);
  const [ended, setEnded] = createSignal<SessionEnd | null>(null);
  const end = (why: SessionEnd) =>
    batch(() => {
      setEnded(why);
      setUser(null);
    });
  // While signing out, requests still in flight are answered 401 once the server has ended the
  // session: that is the sign-out, not an expiry.
  let signingOut = false;
  onCleanup(
    onUnauthenticated(() => {
      if (user() && !signingOut) end('expired');
    }),
  );
  const session: Session = {
    user,
    ended,
    signedIn(u) {
      batch(() => {
        setEnded(null);
        setUser(u);
      });
    },
    async signOut() {
      signingOut = true;
      try {
        await postSignOut(fetch);
      } finally {
        signingOut = false;
        end('signedOut');
      }
    },
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('citydesk: a view rendered outside <SessionProvider>');
  return s;
}
