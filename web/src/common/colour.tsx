import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { BilingualText, CodeReason, Colour } from '../api/types';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateTime } from './format';

/**
 * The code colours (close to the printed card's, health-code-token.ts): `bg` the colour itself,
 * `fg` readable text on it, `ink` the colour as text on white.
 */
export const COLOUR_STYLE: Record<Colour, { bg: string; fg: string; ink: string }> = {
  green: { bg: '#12a150', fg: '#ffffff', ink: '#0b7a3b' },
  yellow: { bg: '#f5c400', fg: '#1f1f1f', ink: '#ad8b00' },
  red: { bg: '#d9342b', fg: '#ffffff', ink: '#c4291f' },
};

const colourKey = (c: string) => `colour.${c}` as MessageKey;

/** Picks the text of a {zh, en} pair in the current language. */
export function useBilingual() {
  const { lang } = useI18n();
  return (text: BilingualText | null | undefined) => (text ? (lang === 'zh-CN' ? text.zh : text.en) : '');
}

/** A colour as a tag: coloured and named ("Red code"), never colour alone. */
export function ColourTag({ colour, testId, style }: { colour: string; testId?: string; style?: CSSProperties }) {
  const { t } = useI18n();
  const s = COLOUR_STYLE[colour as Colour];
  return (
    <Tag
      style={s ? { background: s.bg, borderColor: s.bg, color: s.fg, fontWeight: 600, ...style } : style}
      data-testid={testId}
      data-colour={colour}
    >
      {s ? t(colourKey(colour)) : colour}
    </Tag>
  );
}

/** A wide band in the colour of the code, naming it in large text. */
export function ColourBand({
  colour,
  size = 'large',
  testId,
  extra,
}: {
  colour: Colour;
  size?: 'large' | 'middle';
  testId?: string;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const s = COLOUR_STYLE[colour];
  return (
    <div
      role="status"
      data-testid={testId}
      data-colour={colour}
      style={{
        background: s.bg,
        color: s.fg,
        borderRadius: 8,
        padding: size === 'large' ? '16px 20px' : '8px 16px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 12,
      }}
    >
      <span style={{ fontSize: size === 'large' ? 32 : 20, fontWeight: 700, letterSpacing: 1 }}>{t(colourKey(colour))}</span>
      {extra}
    </div>
  );
}

/** Why a code has its colour: each reason in the current language with since / until. */
export function ReasonList({ reasons, testId }: { reasons: CodeReason[]; testId?: string }) {
  const { t } = useI18n();
  if (reasons.length === 0) {
    return (
      <div data-testid={testId} style={{ color: '#595959' }}>
        {t('code.noReasons')}
      </div>
    );
  }
  // An override in force decides the colour; the facts under it still count, but do not decide.
  const decisive = reasons.filter((r) => r.source === 'override');
  const setAside = decisive.length ? reasons.filter((r) => r.source !== 'override') : [];
  const shown = decisive.length ? decisive : reasons;
  return (
    <div data-testid={testId}>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {shown.map((r) => (
          <ReasonItem key={`${r.source}:${r.ref}:${r.since}`} reason={r} />
        ))}
      </ul>
      {setAside.length > 0 && (
        <div style={{ opacity: 0.65, marginTop: 4 }} data-testid="code-reasons-set-aside">
          <div style={{ fontSize: 13, color: '#595959' }}>{t('code.setAside')}</div>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {setAside.map((r) => (
              <ReasonItem key={`${r.source}:${r.ref}:${r.since}`} reason={r} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ReasonItem({ reason: r }: { reason: CodeReason }) {
  const { t } = useI18n();
  const text = useBilingual();
  return (
    <li style={{ marginBottom: 4 }}>
      <ColourTag colour={r.colour} style={{ marginInlineEnd: 6 }} />
      <span data-testid="code-reason-text">{text(r)}</span>
      <div style={{ color: '#8c8c8c', fontSize: 13 }}>
        {t('code.since', { time: formatDateTime(r.since) })}
        {' · '}
        {r.until ? t('code.until', { time: formatDateTime(r.until) }) : t('code.noUntil')}
      </div>
    </li>
  );
}

/** "Turns green on …", "No end date yet", or nothing to wait for. */
export function GreenAt({ colour, greenAt, testId }: { colour: Colour; greenAt: string | null; testId?: string }) {
  const { t } = useI18n();
  const text = colour === 'green' ? t('code.isGreen') : greenAt ? t('code.greenAt', { time: formatDateTime(greenAt) }) : t('code.noEndDate');
  return <span data-testid={testId}>{text}</span>;
}
