import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Timeline } from 'antd';
import type { ColourChange, Colour } from '../api/types';
import { useI18n } from '../i18n';
import { COLOUR_STYLE, ColourTag, useBilingual } from './colour';
import { formatDateTime } from './format';

/** Every colour change of a code, newest first, with the reasons it had then. */
export function ColourHistory({ items, testId }: { items: ColourChange[]; testId?: string }) {
  const { t, lang } = useI18n();
  const text = useBilingual();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('code.noHistory')} data-testid={testId} />;
  return (
    <div data-testid={testId}>
      <Timeline
        items={items.map((c, i) => ({
          key: `${c.at}:${i}`,
          color: COLOUR_STYLE[c.toColour as Colour]?.bg ?? 'gray',
          title: formatDateTime(c.at),
          content: (
            <div data-testid="colour-change">
              <div>
                {c.fromColour ? <ColourTag colour={c.fromColour} /> : <span style={{ marginInlineEnd: 8 }}>{t('code.initial')}</span>}
                <ArrowRightOutlined style={{ marginInlineEnd: 8, color: '#8c8c8c' }} />
                <ColourTag colour={c.toColour} />
              </div>
              {c.reasons.length > 0 && (
                <div style={{ color: '#595959', fontSize: 13, marginTop: 4 }}>{c.reasons.map((r) => text(r)).join(lang === 'zh-CN' ? '；' : '; ')}</div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
