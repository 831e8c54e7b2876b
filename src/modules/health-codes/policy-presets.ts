import type { ColourPolicy, ColourRule } from './colour-policy.ts';

const r = (rule: ColourRule) => rule;

/**
 * What the seed cities did (Zhengzhou, 2021–2022): close contacts 14 days centralized quarantine
 * (DESIGN.md policy table, source 000), discharged patients 14 + 14 days, inbound travellers
 * from risk areas watched 14 days.
 */
export const SEEDS_PRESET: Omit<ColourPolicy, 'version'> = {
  name: '示范市 2021-2022 (seeds)',
  rules: [
    r({ kind: 'positive_result', colour: 'red', days: null, reason: { zh: '核酸检测结果阳性', en: 'Positive test result' } }),
    r({ kind: 'confirmed_case', colour: 'red', days: null, reason: { zh: '确诊病例', en: 'Confirmed case' } }),
    r({ kind: 'asymptomatic_case', colour: 'red', days: null, reason: { zh: '无症状感染者', en: 'Asymptomatic infection' } }),
    r({ kind: 'close_contact', colour: 'red', days: 14, reason: { zh: '密切接触者,集中隔离中', en: 'Close contact under centralized quarantine' } }),
    r({ kind: 'centralized_quarantine', colour: 'red', days: 14, reason: { zh: '集中隔离中', en: 'In centralized quarantine' } }),
    r({ kind: 'home_quarantine', colour: 'red', days: 14, then: { colour: 'yellow', days: 14, reason: { zh: '居家健康监测中', en: 'Home health monitoring' } }, reason: { zh: '居家隔离中', en: 'In home quarantine' } }),
    r({ kind: 'secondary_contact', colour: 'yellow', days: 14, reason: { zh: '次密切接触者', en: 'Secondary contact' } }),
    r({ kind: 'home_health_monitoring', colour: 'yellow', days: 14, reason: { zh: '居家健康监测中', en: 'Home health monitoring' } }),
    r({ kind: 'pending_retest', colour: 'yellow', days: null, reason: { zh: '待核酸单管复核(混管阳性或抗原自测阳性)', en: 'Pending a single-tube nucleic-acid re-test (positive pooled sample or antigen self-test)' } }),
    r({ kind: 'sealed_area_residence', colour: 'yellow', days: null, reason: { zh: '居住在封控区', en: 'Lives in a sealed area' } }),
    r({ kind: 'controlled_area_residence', colour: 'yellow', days: null, reason: { zh: '居住在管控区', en: 'Lives in a controlled area' } }),
    r({ kind: 'risk_area_arrival', colour: 'yellow', days: 14, reason: { zh: '有中高风险地区旅居史', en: 'Arrived from a medium- or high-risk area' } }),
    r({ kind: 'missed_required_test', colour: 'yellow', days: null, reason: { zh: '未按要求参加核酸检测', en: 'Missed a required test' } }),
  ],
};

/**
 * National control plan, 9th edition (June 2022): close contacts 7 days centralized quarantine
 * then 3 days home health monitoring; secondary contacts 7 days home quarantine; arrivals from
 * high-risk areas 7 days.
 */
export const NATIONAL_9_PRESET: Omit<ColourPolicy, 'version'> = {
  name: '国家第九版防控方案 (2022-06)',
  rules: SEEDS_PRESET.rules.map((rule): ColourRule => {
    switch (rule.kind) {
      case 'close_contact':
        return { ...rule, days: 7, then: { colour: 'yellow', days: 3, reason: { zh: '密接解除集中隔离后居家健康监测', en: 'Home health monitoring after close-contact quarantine' } } };
      case 'centralized_quarantine':
        return { ...rule, days: 7 };
      case 'home_quarantine':
        return { ...rule, days: 7, then: undefined, colour: 'red' };
      case 'secondary_contact':
        return { ...rule, days: 7, measure: 'home_quarantine', reason: { zh: '次密切接触者,居家隔离中', en: 'Secondary contact in home quarantine' } };
      case 'home_health_monitoring':
        return { ...rule, days: 7 };
      case 'risk_area_arrival':
        return { ...rule, days: 7 };
      case 'sealed_area_residence':
        return { ...rule, reason: { zh: '居住在高风险区', en: 'Lives in a high-risk area' } };
      case 'controlled_area_residence':
        return { ...rule, reason: { zh: '居住在中风险区', en: 'Lives in a medium-risk area' } };
      default:
        return rule;
    }
  }),
};

export const PRESETS = { seeds: SEEDS_PRESET, 'national-9': NATIONAL_9_PRESET } as const;
export type PresetName = keyof typeof PRESETS;
