import { Tag, Tooltip } from 'antd';
import type { JurisdictionRef } from '../api/types';
import { useI18n } from '../i18n';

const LEVEL_COLORS: Record<string, string> = {
  city: 'magenta',
  district: 'red',
  street: 'volcano',
  community: 'orange',
  compound: 'gold',
  building: 'green',
  unit: 'cyan',
  household: 'blue',
};

export function LevelTag({ level }: { level: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 4 }}>
      {tk('level', level)}
    </Tag>
  );
}

/** A jurisdiction's name with its code on hover. */
export function JurisdictionName({ j }: { j: JurisdictionRef }) {
  return (
    <Tooltip title={j.code}>
      <span>{j.name}</span>
    </Tooltip>
  );
}

/** A jurisdiction's level tag and name (a table cell). */
export function LevelAndName({ j }: { j: JurisdictionRef }) {
  return (
    <span>
      <LevelTag level={j.level} />
      <JurisdictionName j={j} />
    </span>
  );
}

/** "City / District / Street / …" */
export function AncestorPath({ ancestors, self }: { ancestors: JurisdictionRef[]; self?: JurisdictionRef }) {
  const all = self ? [...ancestors, self] : ancestors;
  return <span>{all.map((a) => a.name).join(' / ')}</span>;
}
