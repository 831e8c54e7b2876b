import { Radio } from 'antd';
import { COLOURS } from '../api/types';
import { useI18n } from '../i18n';
import { COLOUR_STYLE } from './colour';

/** Green / yellow / red as three large buttons in their colours (a form control: value, onChange). */
export function ColourRadio({
  value,
  onChange,
  testIdPrefix,
  id,
}: {
  value?: string;
  onChange?: (v: string) => void;
  testIdPrefix: string;
  id?: string;
}) {
  const { tk } = useI18n();
  return (
    <Radio.Group id={id} value={value} onChange={(e) => onChange?.(e.target.value as string)} optionType="button" buttonStyle="solid" size="large">
      {COLOURS.map((c) => (
        <Radio.Button
          key={c}
          value={c}
          style={value === c ? { background: COLOUR_STYLE[c].bg, borderColor: COLOUR_STYLE[c].bg, color: COLOUR_STYLE[c].fg } : { color: COLOUR_STYLE[c].ink, fontWeight: 600 }}
        >
          <span data-testid={`${testIdPrefix}-${c}`}>{tk('colour', c)}</span>
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}
