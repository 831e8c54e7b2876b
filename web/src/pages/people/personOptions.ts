import { GROUPS } from '../../api/types';
import { useI18n } from '../../i18n';

/** Select options for a person's special groups and residency, in the current language. */
export function usePersonOptions() {
  const { t, tk } = useI18n();
  return {
    groups: GROUPS.map((g) => ({ value: g, label: tk('group', g) })),
    residency: [
      { value: 'resident', label: t('residency.resident') },
      { value: 'floating', label: t('residency.floating') },
    ],
  };
}
