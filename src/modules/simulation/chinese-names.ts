import { type Random, WeightedTable } from './random.ts';

/**
 * Plausible Chinese personal names for synthetic people: a surname drawn by its real frequency
 * and a given name of one or two characters whose style follows the birth year, so a woman born
 * in 1940 is a 秀英 and a girl born in 2015 a 梓涵.
 */
export type Sex = 'male' | 'female';

// The most common surnames with their approximate share of the population (per cent, from the
// 2020 household-registration statistics), plus a few two-character surnames.
const SURNAME_SHARES: ReadonlyArray<readonly [string, number]> = [
  ['王', 7.12], ['李', 7.0], ['张', 6.4], ['刘', 5.4], ['陈', 4.5], ['杨', 3.1], ['黄', 2.2], ['赵', 2.2],
  ['吴', 2.0], ['周', 1.9], ['徐', 1.5], ['孙', 1.5], ['马', 1.4], ['朱', 1.3], ['胡', 1.3], ['郭', 1.2],
  ['何', 1.2], ['高', 1.1], ['林', 1.1], ['罗', 1.1], ['郑', 1.0], ['梁', 0.96], ['谢', 0.86], ['宋', 0.84],
  ['唐', 0.83], ['许', 0.76], ['韩', 0.75], ['冯', 0.74], ['邓', 0.73], ['曹', 0.71], ['彭', 0.67], ['曾', 0.63],
  ['肖', 0.61], ['田', 0.6], ['董', 0.59], ['袁', 0.55], ['潘', 0.54], ['于', 0.53], ['蒋', 0.52], ['蔡', 0.52],
  ['余', 0.51], ['杜', 0.5], ['叶', 0.49], ['程', 0.48], ['苏', 0.46], ['魏', 0.45], ['吕', 0.45], ['丁', 0.43],
  ['任', 0.42], ['沈', 0.4], ['姚', 0.39], ['卢', 0.38], ['姜', 0.37], ['崔', 0.36], ['钟', 0.35], ['谭', 0.34],
  ['陆', 0.33], ['汪', 0.32], ['范', 0.31], ['金', 0.3], ['石', 0.29], ['廖', 0.28], ['贾', 0.27], ['夏', 0.26],
  ['韦', 0.25], ['付', 0.25], ['方', 0.24], ['白', 0.23], ['邹', 0.23], ['孟', 0.22], ['熊', 0.22], ['秦', 0.21],
  ['邱', 0.21], ['江', 0.2], ['尹', 0.2], ['薛', 0.19], ['闫', 0.19], ['段', 0.18], ['雷', 0.18], ['侯', 0.17],
  ['龙', 0.17], ['史', 0.16], ['陶', 0.16], ['黎', 0.15], ['贺', 0.15], ['顾', 0.14], ['毛', 0.14], ['郝', 0.14],
  ['龚', 0.13], ['邵', 0.13], ['万', 0.13], ['钱', 0.12], ['严', 0.12], ['覃', 0.11], ['武', 0.11], ['戴', 0.11],
  ['莫', 0.1], ['孔', 0.1], ['向', 0.1], ['汤', 0.1], ['常', 0.1], ['牛', 0.09], ['申', 0.08], ['翟', 0.07],
  ['欧阳', 0.03], ['司马', 0.01], ['上官', 0.01], ['诸葛', 0.01],
];

const SURNAMES = new WeightedTable(SURNAME_SHARES);

interface GivenNameStyle {
  /** Share of one-character given names (张伟 rather than 张志伟). */
  single: number;
  singles: string;
  firsts: string;
  seconds: string;
}

type Era = 'before1960' | 'before1990' | 'recent';

// Each string is a list of characters; two-character names combine a first and a second.
const STYLES: Record<Era, Record<Sex, GivenNameStyle>> = {
  before1960: {
    male: {
      single: 0.22,
      singles: '军强刚林明华忠海山斌平成福发武',
      firsts: '建国德振永福长保文玉明树春金守庆富有学忠广万宝天汉正家兴洪',
      seconds: '国华民林山生忠才和明福贵田仁义堂顺昌荣祥发成海清章德胜全',
    },
    female: {
      single: 0.2,
      singles: '英兰珍芳梅凤琴霞荣秀',
      firsts: '秀桂玉淑凤翠金素兰春美月银爱彩巧',
      seconds: '英兰珍芳梅花荣琴云霞芝凤华香莲娥',
    },
  },
  before1990: {
    male: {
      single: 0.32,
      singles: '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健浩亮峰',
      firsts: '建志国海晓春振永立文俊明新红卫东金宏家小伟军少学云',
      seconds: '强华伟军明刚平林东峰辉波涛杰斌龙超亮鹏飞勇宇锋',
    },
    female: {
      single: 0.32,
      singles: '丽静敏燕艳娟霞芳娜丹玲萍红婷雪琳莉慧',
      firsts: '丽晓海秀春红雪美玉艳小金凤彩淑慧静',
      seconds: '娟燕梅霞华红丽玲萍英芳敏静洁琴颖',
    },
  },
  recent: {
    male: {
      single: 0.12,
      singles: '睿宇浩轩博晨阳昊哲航然磊',
      firsts: '子浩宇梓俊一天博皓思明泽嘉睿铭文家晨奕逸景鸿',
      seconds: '轩然航豪熙鸣宇墨文佑远泽辰阳川凯杰涵霖睿铭城',
    },
    female: {
      single: 0.12,
      singles: '悦萱琪涵妍彤瑶婷倩璐',
      firsts: '梓欣子一雨思诗可梦佳语若紫依心晓婉书雅',
      seconds: '涵怡诺馨琪嫣曦桐妍萱彤瑶璐悦琳然菲宁',
    },
  },
};

function eraOf(birthYear: number): Era {
  if (birthYear < 1960) return 'before1960';
  if (birthYear < 1990) return 'before1990';
  return 'recent';
}

const charAt = (rng: Random, chars: string) => chars[Math.floor(rng.next() * chars.length)];

export function pickSurname(rng: Random): string {
  return SURNAMES.pick(rng);
}

/** A given name of one or two characters in the style of the birth year. */
export function pickGivenName(rng: Random, sex: Sex, birthYear: number): string {
  const style = STYLES[eraOf(birthYear)][sex];
  if (rng.chance(style.single)) return charAt(rng, style.singles);
  const first = charAt(rng, style.firsts);
  let second = charAt(rng, style.seconds);
  // Avoid accidental reduplication (志志); chosen ones like 婷婷 are rare enough to leave out.
  for (let i = 0; second === first && i < 4; i++) second = charAt(rng, style.seconds);
  return first + second;
}

/**
 * A full name of two or three characters. A two-character surname always takes a one-character
 * given name (欧阳明), so no name is longer than three.
 */
export function chineseName(rng: Random, sex: Sex, birthYear: number, surname: string = pickSurname(rng)): string {
  if (surname.length > 1) return surname + charAt(rng, STYLES[eraOf(birthYear)][sex].singles);
  return surname + pickGivenName(rng, sex, birthYear);
}
