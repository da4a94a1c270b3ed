import type { Accessor } from 'solid-js';
import { MESSAGES, type Lang } from './messages';

export function useI18n(lang: Accessor<Lang>) {
  const t = () => MESSAGES[lang()];
  const name = (x: { nameVi: string; nameEn: string }) => (lang() === 'vi' ? x.nameVi : x.nameEn);
  return { t, name };
}
