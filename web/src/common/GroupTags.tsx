import { Tag } from 'antd';
import { useI18n } from '../i18n';

/** A person's special groups, one purple tag each. */
export function GroupTags({ groups }: { groups: readonly string[] }) {
  const { tk } = useI18n();
  return (
    <>
      {groups.map((g) => (
        <Tag key={g} color="purple">
          {tk('group', g)}
        </Tag>
      ))}
    </>
  );
}
