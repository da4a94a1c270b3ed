import { type Accessor, Show } from 'solid-js';
import type { Category } from '../../../api/wire';
import { ROLE_NAMES } from '../../../core/roles';
import { useSession } from '../auth/SessionContext';
import type { AuthUser } from '../../../api/wire';
import type { Lang, Messages } from '../i18n/messages';
import { areaByCode } from '../views/areaAccess';
import { useCity } from '../views/CityContext';

/** An agency's name from the pack's categories (each names the agency it is routed to). */
export function agencyName(code: string, categories: Iterable<Category>, lang: Lang): string {
  for (const c of categories) if (c.agencyCode === code) return lang === 'vi' ? c.agencyVi : c.agencyEn;
  return code;
}

/** Who is signed in: name, role, and the area or agency the role is bound to; and the way out. */
export function UserBar(props: {
  user: AuthUser;
  categories: Accessor<Map<string, Category>>;
  lang: Accessor<Lang>;
  t: Accessor<Messages>;
}) {
  const city = useCity();
  const session = useSession();
  const bound = () => {
    const u = props.user;
    if (u.role === 'chief') {
      const a = areaByCode(city.areas, u.areaCode);
      return a ? (props.lang() === 'vi' ? a.nameVi : a.nameEn) : (u.areaCode ?? '');
    }
    if (u.role === 'agency' && u.agencyCode) return agencyName(u.agencyCode, props.categories().values(), props.lang());
    return null;
  };
  return (
    <div class="user-bar" data-testid="user-bar" data-role={props.user.role}>
      <span class="sr-only">{props.t().signedInAs}: </span>
      <strong data-testid="user-name" title={props.user.name}>
        {props.user.displayName ?? props.user.name}
      </strong>
      <span class="role" data-testid="user-role">
        {ROLE_NAMES[props.user.role][props.lang()]}
        <Show when={bound()}>
          {' · '}
          <span data-testid="user-scope">{bound()}</span>
        </Show>
      </span>
      <button type="button" class="signout" onClick={() => void session.signOut()} data-testid="signout">
        {props.t().signOut}
      </button>
    </div>
  );
}
