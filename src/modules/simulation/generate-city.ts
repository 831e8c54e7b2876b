import { apportion, Random, WeightedTable } from './random.ts';
import { chineseName, pickSurname, type Sex } from './chinese-names.ts';
import { checkDigit } from '../people/id-number.ts';
import type { PersonGroup, Residency } from '../people/phone.ts';
import { childPath, type Level } from '../jurisdictions/division-code.ts';
import type { Role } from '../../platform/access.ts';

/**
 * The demo city: a deterministic synthetic 示范市 with six districts, its tree of streets,
 * communities, compounds, buildings, units and households, grids over the buildings, a
 * population with valid ID numbers and phones, and one demo staff account per role.
 *
 * `generateCity` is pure: the same seed, population and `asOf` give the same city, byte for
 * byte. The upper tree (city → building) is planned up front (about 45,000 nodes at 5 million
 * people); units, households and people are produced lazily from per-building streams, so a
 * city of millions is walked in bounded memory. Every iterable can be walked again and gives
 * the same sequence.
 */

export interface GenerateCityOptions {
  seed?: number;
  /** Exact number of people; from 1 to 20,000,000. */
  population?: number;
  /** The day ages are counted on (YYYY-MM-DD); nobody is born after it. */
  asOf?: string;
}

export interface JurisdictionSeed {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  /** `/410100/410102/…/`, as `childPath` builds it. */
  path: string;
  depth: number;
  /** Buildings only: the grid that covers the building. */
  gridCode: string | null;
}

export type HouseholdComposition =
  | 'single_adult'
  | 'single_elder'
  | 'young_couple'
  | 'middle_aged_couple'
  | 'elderly_couple'
  | 'single_parent'
  | 'elder_with_adult_child'
  | 'shared_rental'
  | 'couple_one_child'
  | 'grandparents_grandchild'
  | 'couple_two_children'
  | 'three_generations';

export interface HouseholdSeed extends JurisdictionSeed {
  level: 'household';
  /** District, street, community, compound, building, unit and room. */
  address: string;
  size: number;
  composition: HouseholdComposition;
  residency: Residency;
}

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'roommate';

export interface PersonSeed {
  name: string;
  /** An 18-character resident ID number: district code, birth date, sequence, check digit. */
  idNumber: string;
  phone: string;
  sex: Sex;
  birthDate: string;
  /** Whole years on the city's `asOf` day. */
  age: number;
  relation: Relation;
  householdCode: string;
  householdPath: string;
  districtCode: string;
  address: string;
  residency: Residency;
  groups: PersonGroup[];
}

export interface GridSeed {
  /** The community's code + 'G' + two digits. */
  code: string;
  name: string;
  communityCode: string;
  /** The community's path plus the grid code. */
  path: string;
  buildingCodes: string[];
  /** Username of the demo grid worker bound to it, if any. */
  workerUsername: string | null;
}

export interface AccountSeed {
  username: string;
  displayName: string;
  role: Exclude<Role, 'admin'>;
  jurisdictionCode: string;
  /** The grid a grid worker serves. */
  gridCode: string | null;
}

export type CityCounts = Record<Level, number> & { grids: number; accounts: number; people: number };

export interface DemoCity {
  seed: number;
  population: number;
  asOf: string;
  city: JurisdictionSeed;
  /** Every node from the city down to households, each parent before its children (depth first). */
  jurisdictions: Iterable<JurisdictionSeed>;
  households: Iterable<HouseholdSeed>;
  /** Every person, household by household, in the order of `households`. */
  people: Iterable<PersonSeed>;
  grids: GridSeed[];
  accounts: AccountSeed[];
  /** Node counts per level (walks the buildings' layouts; no people are generated). */
  counts(): CityCounts;
}

export const DEMO_CITY = { code: '410100', name: '示范市' } as const;
export const DEFAULT_AS_OF = '2022-05-01';
export const MAX_POPULATION = 20_000_000;
export const MAX_AGE = 95;

// Codes and names after Zhengzhou's (GB/T 2260); weights after the 2020 census populations.
const DISTRICTS: ReadonlyArray<{ code: string; name: string; weight: number; streets: readonly string[] }> = [
  {
    code: '410102',
    name: '中原区',
    weight: 120,
    streets: ['林山寨街道', '建设路街道', '棉纺路街道', '秦岭路街道', '桐柏路街道', '三官庙街道', '绿东村街道', '汝河路街道'],
  },
  {
    code: '410103',
    name: '二七区',
    weight: 96,
    streets: ['淮河路街道', '解放路街道', '铭功路街道', '一马路街道', '蜜蜂张街道', '五里堡街道', '大学路街道', '建中街街道'],
  },
  {
    code: '410104',
    name: '管城区',
    weight: 80,
    streets: ['北下街街道', '西大街街道', '南关街道', '城东路街道', '东大街街道', '二里岗街道', '陇海马路街道', '航海东路街道'],
  },
  {
    code: '410105',
    name: '金水区',
    weight: 169,
    streets: ['经八路街道', '花园路街道', '人民路街道', '杜岭街道', '大石桥街道', '南阳路街道', '文化路街道', '丰产路街道', '东风路街道'],
  },
  {
    code: '410108',
    name: '惠济区',
    weight: 59,
    streets: ['新城街道', '长兴路街道', '刘寨街道', '老鸦陈街道', '大河路街道', '迎宾路街道'],
  },
  {
    code: '410172',
    name: '高新区',
    weight: 68,
    streets: ['石佛街道', '沟赵街道', '枫杨街道', '梧桐街道', '双桥街道', '须水街道'],
  },
];

const COMMUNITY_WORDS = [...'建设 文化 黄河 花园 丰产 经纬 南阳 政通 银河 绿城 桐柏 秦岭 伏牛 嵩山 华山 淮河 颍河 汝河 中原 友爱 和平 幸福 团结 光明 民主 胜利 新华 红旗 东风 朝阳 曙光 前进 育红 工人 棉纺 电力 铁路 地质 纺织 医学 农科 师范 科技 商城 紫荆 金城 锦华 兴华 文苑 翠竹 柳林 杨槐 枣园 梨园 桃园 杏园 荷花 牡丹 月季 长江 汉江 珠江 嵩岳 陇海 京广 大学 卫生 体育 航海 连云 兴隆 福寿 百花 春晖 锦绣 中州 华林 金海 海棠 玉兰 桂园 竹园 松园 柏园 青年 阳光 长城 天鹅 燕庄 岗杜 关虎 宋砦 姚砦 陈寨 杨寨 刘庄 王庄 祭城 金桥 未来 凤凰 龙湖 博学 书院 馨园 瑞祥 康宁 安泰'.split(' ')];
const COMPOUND_WORDS = [...'阳光 金色 幸福 锦绣 翠竹 绿地 建业 正商 名门 碧水 东方 盛世 华府 金水 鑫苑 永威 康桥 升龙 亚星 瑞丰 泰宏 天骄 嵩山 润城 美景 丰乐 同乐 颐和 清华 书香 紫荆 银基 英协 兴达 民航 电力 电信 棉纺 铁路 水利 农业 财政 医药 光明 金桥 新田 世纪 未来 金域 蓝湾 海马 昌建 永丰 长江 滨河 百合 玫瑰 丁香 荷塘 柳岸 金沙 银苑 御景 文华 怡景 和谐 春天 丽水 明珠 恒信 万邦 融城 祥和 鸿宝 宏光 锦江 翡翠 檀香'.split(' ')];
const COMPOUND_SUFFIXES = new WeightedTable<string>([
  ['小区', 25], ['花园', 15], ['家园', 10], ['苑', 8], ['新城', 5], ['公寓', 5], ['名苑', 5], ['嘉园', 5],
  ['雅居', 3], ['城', 3], ['府', 3], ['华庭', 3], ['家属院', 6],
]);
const CHINESE_ORDINALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const PHASES = ['二期', '三期', '四期', '五期', '六期', '七期', '八期', '九期'];

/** A household type: its size, how likely it is, and how likely it is to be floating (renting, from elsewhere). */
interface Variant {
  composition: HouseholdComposition;
  size: number;
  weight: number;
  floating: number;
}

// Weights give an average household of about 2.6 people (China's 2020 census: 2.62).
const VARIANTS: readonly Variant[] = [
  { composition: 'single_adult', size: 1, weight: 11, floating: 0.5 },
  { composition: 'single_elder', size: 1, weight: 6, floating: 0.02 },
  { composition: 'young_couple', size: 2, weight: 7, floating: 0.3 },
  { composition: 'middle_aged_couple', size: 2, weight: 10, floating: 0.06 },
  { composition: 'elderly_couple', size: 2, weight: 7, floating: 0.02 },
  { composition: 'single_parent', size: 2, weight: 4, floating: 0.1 },
  { composition: 'elder_with_adult_child', size: 2, weight: 4, floating: 0.03 },
  { composition: 'shared_rental', size: 2, weight: 2, floating: 1 },
  { composition: 'shared_rental', size: 3, weight: 1, floating: 1 },
  { composition: 'couple_one_child', size: 3, weight: 21, floating: 0.17 },
  { composition: 'grandparents_grandchild', size: 3, weight: 2, floating: 0.02 },
  { composition: 'couple_two_children', size: 4, weight: 13, floating: 0.12 },
  { composition: 'three_generations', size: 4, weight: 6, floating: 0.06 },
  { composition: 'three_generations', size: 5, weight: 6, floating: 0.06 },
];
// VARIANT_TABLES[n]: the variants of at most n people, for filling the last places of a building.
const VARIANT_TABLES = [1, 2, 3, 4, 5].map(
  (max) => new WeightedTable(VARIANTS.filter((v) => v.size <= max).map((v) => [v, v.weight] as const)),
);
const MAX_HOUSEHOLD = 5;
const VACANCY = 0.06;

// Real mobile prefixes (China Mobile, Unicom, Telecom, Broadnet).
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184',
  '185', '186', '187', '188', '189', '191', '195', '198', '199',
];

const STAFF: ReadonlyArray<{
  role: Exclude<Role, 'admin'>;
  at: 'city' | 'district' | 'street' | 'community';
  title: (node: string) => string;
}> = [
  { role: 'city_commander', at: 'city', title: (n) => `${n}疫情防控指挥部` },
  { role: 'district_commander', at: 'district', title: (n) => `${n}疫情防控指挥部` },
  { role: 'street_commander', at: 'street', title: (n) => `${n}疫情防控指挥部` },
  { role: 'grid_worker', at: 'community', title: (n) => `${n}第一网格网格员` },
  { role: 'investigator', at: 'city', title: () => '市疾控中心流调队员' },
  { role: 'sampler', at: 'street', title: (n) => `${n}核酸采样员` },
  { role: 'lab_technician', at: 'city', title: () => '第三方检测机构检验员' },
  { role: 'quarantine_manager', at: 'city', title: () => '集中隔离点负责人' },
  { role: 'transfer_dispatcher', at: 'city', title: () => '市转运专班调度员' },
  { role: 'hospital_staff', at: 'city', title: () => '定点医院医生' },
  { role: 'checkpoint_staff', at: 'city', title: () => '交通卡口值守员' },
  { role: 'hotline_operator', at: 'city', title: () => '12345热线接线员' },
  { role: 'auditor', at: 'city', title: () => '数据安全审计员' },
];

// ---------------------------------------------------------------------------------------------
// Plan: the tree down to buildings, decided up front.

interface BuildingPlan extends JurisdictionSeed {
  level: 'building';
  people: number;
  gridCode: string;
  districtIndex: number;
  /** District + street + community + compound + building names. */
  address: string;
}
interface CompoundPlan extends JurisdictionSeed {
  buildings: BuildingPlan[];
}
interface CommunityPlan extends JurisdictionSeed {
  compounds: CompoundPlan[];
}
interface StreetPlan extends JurisdictionSeed {
  communities: CommunityPlan[];
}
interface DistrictPlan extends JurisdictionSeed {
  streets: StreetPlan[];
}

interface CityPlan {
  city: JurisdictionSeed;
  districts: DistrictPlan[];
  grids: GridSeed[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function node(parent: JurisdictionSeed, level: Level, code: string, name: string): JurisdictionSeed {
  return { code, name, level, parentCode: parent.code, path: childPath(parent.path, code), depth: parent.depth + 1, gridCode: null };
}

/** Splits a population among `count` children with some spread, exactly. */
function split(rng: Random, people: number, count: number, spread = 0.4): number[] {
  return apportion(people, Array.from({ length: count }, () => rng.float(1 - spread, 1 + spread)));
}

/** Draws a name not yet in `used`, falling back to variants when the pool runs dry. */
function uniqueName(rng: Random, used: Set<string>, draw: () => string, variants: readonly string[]): string {
  for (let i = 0; i < 12; i++) {
    const name = draw();
    if (!used.has(name)) return remember(used, name);
  }
  const base = draw();
  for (const v of variants) if (!used.has(base + v)) return remember(used, base + v);
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return remember(used, `${base}${n}`);
}

function remember(used: Set<string>, name: string): string {
  used.add(name);
  return name;
}

function planCity(seed: number, population: number): CityPlan {
  const rng = new Random(seed, 'plan');
  const city: JurisdictionSeed = {
    code: DEMO_CITY.code,
    name: DEMO_CITY.name,
    level: 'city',
    parentCode: null,
    path: childPath(undefined, DEMO_CITY.code),
    depth: 0,
    gridCode: null,
  };
  const grids: GridSeed[] = [];
  const districtPeople = apportion(
    population,
    DISTRICTS.map((d) => d.weight * rng.float(0.9, 1.1)),
  );

  const districts = DISTRICTS.map((def, districtIndex): DistrictPlan => {
    const district = { ...node(city, 'district', def.code, def.name), streets: [] as StreetPlan[] };
    const people = districtPeople[districtIndex];
    // Three to six streets, fewer in a tiny city so that no street is nearly empty.
    const streetCount = Math.min(rng.int(3, 6), def.streets.length, Math.max(1, Math.floor(people / 1000)));
    const chosen = rng.shuffle(def.streets.map((_, i) => i)).slice(0, streetCount).sort((a, b) => a - b);
    const communityNames = new Set<string>();
    const compoundNames = new Set<string>();

    split(rng, people, streetCount).forEach((streetPeople, s) => {
      const street = {
        ...node(district, 'street', def.code + pad(s + 1, 3), def.streets[chosen[s]]),
        communities: [] as CommunityPlan[],
      };
      district.streets.push(street);
      // A real community has 5,000–10,000 people; a small demo city keeps several per street.
      const communityCount = clamp(Math.round(Math.sqrt(streetPeople / 300)), 1, 999);

      split(rng, streetPeople, communityCount).forEach((communityPeople, c) => {
        const name = uniqueName(rng, communityNames, () => rng.pick(COMMUNITY_WORDS), ['东', '西', '南', '北', '中', '新']) + '社区';
        const community = { ...node(street, 'community', street.code + pad(c + 1, 3), name), compounds: [] as CompoundPlan[] };
        street.communities.push(community);
        const compoundCount = clamp(Math.round(Math.sqrt(communityPeople / 250)), 1, 999);

        split(rng, communityPeople, compoundCount).forEach((compoundPeople, p) => {
          const compoundName = uniqueName(
            rng,
            compoundNames,
            () => rng.pick(COMPOUND_WORDS) + COMPOUND_SUFFIXES.pick(rng),
            PHASES,
          );
          const compound = {
            ...node(community, 'compound', community.code + pad(p + 1, 3), compoundName),
            buildings: [] as BuildingPlan[],
          };
          community.compounds.push(compound);
          // About 120 people (two or three units) to a building.
          const buildingCount = clamp(Math.round(compoundPeople / 120), 1, 99);
          split(rng, compoundPeople, buildingCount).forEach((buildingPeople, b) => {
            const building = node(compound, 'building', compound.code + pad(b + 1, 2), `${b + 1}号楼`);
            compound.buildings.push({
              ...building,
              level: 'building',
              people: buildingPeople,
              gridCode: '',
              districtIndex,
              address: district.name + street.name + community.name + compoundName + building.name,
            });
          });
        });
        grids.push(...assignGrids(rng, community));
      });
    });
    return district;
  });
  return { city, districts, grids };
}

/** Two to four grids per community, each covering a run of its buildings. */
function assignGrids(rng: Random, community: CommunityPlan): GridSeed[] {
  const buildings = community.compounds.flatMap((c) => c.buildings);
  const count = Math.max(1, Math.min(rng.int(2, 4), buildings.length));
  const sizes = apportion(buildings.length, Array.from({ length: count }, () => rng.float(0.7, 1.3)));
  // apportion may give a grid no building when there are barely enough; move one over.
  for (let i = 0; i < count; i++) {
    if (sizes[i] > 0) continue;
    const donor = sizes.indexOf(Math.max(...sizes));
    sizes[donor]--;
    sizes[i]++;
  }
  const grids: GridSeed[] = [];
  let next = 0;
  for (let g = 0; g < count; g++) {
    const code = `${community.code}G${pad(g + 1, 2)}`;
    const covered = buildings.slice(next, next + sizes[g]);
    next += sizes[g];
    for (const b of covered) b.gridCode = code;
    grids.push({
      code,
      name: `${community.name}第${CHINESE_ORDINALS[g + 1]}网格`,
      communityCode: community.code,
      path: childPath(community.path, code),
      buildingCodes: covered.map((b) => b.code),
      workerUsername: null,
    });
  }
  return grids;
}

function planAccounts(plan: CityPlan): AccountSeed[] {
  const district = plan.districts[0];
  const street = district.streets[0];
  const community = street.communities[0];
  const grid = plan.grids.find((g) => g.communityCode === community.code);
  if (!grid) throw new Error(`community ${community.code} has no grid`);
  grid.workerUsername = 'demo_grid_worker';
  const at = { city: plan.city, district, street, community };
  return STAFF.map(({ role, at: level, title }) => ({
    username: `demo_${role}`,
    displayName: title(at[level].name),
    role,
    jurisdictionCode: at[level].code,
    gridCode: role === 'grid_worker' ? grid.code : null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Layout: units and households of one building, from the building's own stream.

interface UnitLayout {
  unit: JurisdictionSeed;
  households: HouseholdSeed[];
}

function layoutBuilding(seed: number, building: BuildingPlan): UnitLayout[] {
  const rng = new Random(seed, `building:${building.code}`);
  const units: UnitLayout[] = [];
  let remaining = building.people;
  for (let unitNo = 1; remaining > 0; unitNo++) {
    if (unitNo > 99) throw new Error(`building ${building.code} needs more than 99 units`);
    // Twelve to twenty-four flats: 2, 3 or 4 to a landing, over as many floors.
    const perFloor = rng.weighted([2, 3, 4], [6, 2, 2]);
    const floors = rng.int(Math.ceil(12 / perFloor), Math.floor(24 / perFloor));
    const unit = node(building, 'unit', building.code + pad(unitNo, 2), `${unitNo}单元`);
    const households: HouseholdSeed[] = [];
    for (let floor = 1; floor <= floors && remaining > 0; floor++) {
      for (let flat = 1; flat <= perFloor && remaining > 0; flat++) {
        if (rng.chance(VACANCY)) continue;
        const variant = VARIANT_TABLES[Math.min(remaining, MAX_HOUSEHOLD) - 1].pick(rng);
        remaining -= variant.size;
        const room = `${floor}${pad(flat, 2)}室`;
        households.push({
          ...node(unit, 'household', unit.code + pad(floor, 2) + pad(flat, 2), room),
          level: 'household',
          address: building.address + unit.name + room,
          size: variant.size,
          composition: variant.composition,
          residency: rng.chance(variant.floating) ? 'floating' : 'resident',
        });
      }
    }
    units.push({ unit, households });
  }
  return units;
}

// ---------------------------------------------------------------------------------------------
// People.

const DAY_MS = 86_400_000;

function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parseDay(text: string): { y: number; m: number; d: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`asOf must be YYYY-MM-DD, got "${text}"`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = dayOf(y, m, d);
  if (isoDay(day) !== text) throw new RangeError(`asOf is not a valid date: "${text}"`);
  return { y, m, d, day };
}

/** The same calendar day `years` earlier (29 February becomes the 28th in common years). */
function yearsBefore(asOf: { y: number; m: number; d: number }, years: number): number {
  const y = asOf.y - years;
  const lastOfMonth = new Date(Date.UTC(y, asOf.m, 0)).getUTCDate();
  return dayOf(y, asOf.m, Math.min(asOf.d, lastOfMonth));
}

/** Whole years between a birth date and `asOf`. */
export function ageOn(birthDate: string, asOf: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ay, am, ad] = asOf.split('-').map(Number);
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

/**
 * Resident ID numbers, unique by construction: for each (district, birth day, sex) the
 * sequence digits run through a permutation of 499 values whose last digit carries the sex.
 */
class IdNumberAllocator {
  private readonly used: Uint16Array;
  private readonly firstDay: number;
  private readonly span: number;

  constructor(
    private readonly regions: readonly string[],
    asOf: { y: number; m: number; d: number; day: number },
  ) {
    this.firstDay = yearsBefore(asOf, MAX_AGE + 1) + 1;
    this.span = asOf.day - this.firstDay + 1;
    this.used = new Uint16Array(regions.length * this.span * 2);
  }

  /** An ID number near `day`: the day itself unless 499 people of that sex were born on it. */
  allocate(region: number, day: number, sex: Sex): { idNumber: string; day: number } {
    const sexBit = sex === 'male' ? 1 : 0;
    for (let step = 0; step < this.span * 2; step++) {
      const offset = step % 2 === 0 ? -(step / 2) : (step + 1) / 2;
      const d = day + offset - this.firstDay;
      if (d < 0 || d >= this.span) continue;
      const slot = (region * this.span + d) * 2 + sexBit;
      const n = this.used[slot];
      if (n >= 499) continue;
      this.used[slot] = n + 1;
      const scramble = (Math.imul(d + 1, 0x9e3779b1) ^ Math.imul(region + 1, 0x85ebca6b)) >>> 0;
      const value = 1 + ((n * 263 + (scramble % 499)) % 499);
      const birth = isoDay(this.firstDay + d).replaceAll('-', '');
      const first17 = this.regions[region] + birth + pad(value * 2 + sexBit, 3);
      return { idNumber: first17 + checkDigit(first17), day: this.firstDay + d };
    }
    throw new RangeError('no resident ID numbers left in this district');
  }
}

/** Unique mobile numbers: the k-th number is a bijection of k onto prefix × eight digits. */
class PhoneAllocator {
  private next = 0;
  private readonly offsets: number[];

  constructor(seed: number) {
    const rng = new Random(seed, 'phones');
    this.offsets = MOBILE_PREFIXES.map(() => rng.int(0, 99_999_999));
  }

  allocate(): string {
    const k = this.next++;
    const p = k % MOBILE_PREFIXES.length;
    const q = Math.floor(k / MOBILE_PREFIXES.length);
    // 7,368,787 is coprime with 10^8, so q → suffix is one-to-one for each prefix.
    return MOBILE_PREFIXES[p] + pad((q * 7_368_787 + this.offsets[p]) % 100_000_000, 8);
  }
}

interface Member {
  relation: Relation;
  sex: Sex;
  age: number;
  /** Index of the member whose surname this one carries, or -1 for an own surname. */
  surnameOf: number;
}

const spouseAge = (rng: Random, husband: number, lo: number, hi: number) => clamp(husband - rng.int(-2, 5), lo, hi);

/** Who lives in a household of a given composition, with consistent ages. */
function householdMembers(rng: Random, composition: HouseholdComposition, size: number): Member[] {
  const member = (relation: Relation, sex: Sex, age: number, surnameOf = -1): Member => ({
    relation,
    sex,
    age: clamp(Math.round(age), 0, MAX_AGE),
    surnameOf,
  });
  const randomSex = (pMale: number): Sex => (rng.chance(pMale) ? 'male' : 'female');
  switch (composition) {
    case 'single_adult':
      return [member('head', randomSex(0.55), rng.triangular(20, 64, 27))];
    case 'single_elder':
      return [member('head', randomSex(0.35), rng.triangular(65, MAX_AGE, 72))];
    case 'young_couple': {
      const h = rng.int(23, 44);
      return [member('head', 'male', h), member('spouse', 'female', spouseAge(rng, h, 21, 45))];
    }
    case 'middle_aged_couple': {
      const h = rng.int(45, 64);
      return [member('head', 'male', h), member('spouse', 'female', spouseAge(rng, h, 42, 64))];
    }
    case 'elderly_couple': {
      const h = rng.triangular(65, 92, 68);
      return [member('head', 'male', h), member('spouse', 'female', spouseAge(rng, h, 60, MAX_AGE))];
    }
    case 'single_parent': {
      const child = rng.int(0, 24);
      const parentSex = randomSex(0.25);
      const p = child + rng.triangular(20, 40, 27);
      return [member('head', parentSex, p), member('child', randomSex(0.52), child, rng.chance(0.6) ? 0 : -1)];
    }
    case 'elder_with_adult_child': {
      const e = rng.int(70, MAX_AGE);
      const elderSex = randomSex(0.4);
      const c = clamp(e - rng.int(22, 38), 35, 70);
      return [member('head', elderSex, e), member('child', randomSex(0.5), c, elderSex === 'male' ? 0 : -1)];
    }
    case 'shared_rental':
      return Array.from({ length: size }, (_, i) => member(i === 0 ? 'head' : 'roommate', randomSex(0.55), rng.int(19, 35)));
    case 'couple_one_child':
    case 'couple_two_children': {
      // The first child's age first, then the mother's age at that birth (mostly 24–32).
      const first = rng.triangular(0, 30, 8);
      const w = clamp(first + rng.triangular(20, 40, 27), 21, 75);
      const h = clamp(w + rng.int(-2, 5), 22, 80);
      const out = [member('head', 'male', h), member('spouse', 'female', w), member('child', randomSex(0.52), first, 0)];
      if (composition === 'couple_two_children') out.push(member('child', randomSex(0.52), Math.max(0, first - rng.int(1, 8)), 0));
      return out;
    }
    case 'grandparents_grandchild': {
      const child = rng.int(0, 16);
      const g = clamp(child + rng.int(48, 66), 50, MAX_AGE);
      return [
        member('head', 'male', g),
        member('spouse', 'female', spouseAge(rng, g, 48, MAX_AGE)),
        member('grandchild', randomSex(0.52), child, 0),
      ];
    }
    case 'three_generations': {
      const child = rng.triangular(0, 20, 6);
      const w = clamp(child + rng.triangular(20, 38, 27), 21, 60);
      const h = clamp(w + rng.int(-2, 5), 22, 65);
      const out = [member('head', 'male', h), member('spouse', 'female', w), member('child', randomSex(0.52), child, 0)];
      const grandfather = clamp(h + rng.int(22, 35), 50, MAX_AGE);
      const grandmother = spouseAge(rng, grandfather, 48, MAX_AGE);
      if (size >= 5) out.push(member('parent', 'male', grandfather, 0), member('parent', 'female', grandmother));
      else if (rng.chance(0.65)) out.push(member('parent', 'female', grandmother));
      else out.push(member('parent', 'male', grandfather, 0));
      return out;
    }
  }
}

/** Special groups, with rates after national figures, each only where it can apply. */
function groupsOf(rng: Random, p: { age: number; sex: Sex; relation: Relation; residency: Residency }, livesAlone: boolean): PersonGroup[] {
  const { age, sex } = p;
  const groups: PersonGroup[] = [];
  if (livesAlone && age >= 65) groups.push('elderly_alone');
  const disabled = age < 18 ? 0.005 : age < 60 ? 0.015 : age < 80 ? 0.04 : 0.1;
  if (rng.chance(disabled)) groups.push('disabled');
  if (sex === 'female' && age >= 20 && age <= 45) {
    const married = p.relation === 'spouse' || p.relation === 'head';
    const rate = married ? (age >= 23 && age <= 38 ? 0.06 : 0.015) : 0.003;
    if (rng.chance(rate)) groups.push('pregnant');
  }
  if (age >= 18 && rng.chance(age >= 60 ? 0.002 : 0.0006)) groups.push('dialysis');
  if (age >= 18 && rng.chance(age >= 60 ? 0.006 : age >= 40 ? 0.003 : 0.0005)) groups.push('chemotherapy');
  if (age < 3) groups.push('infant');
  const chronic = age < 18 ? 0.003 : age < 40 ? 0.015 : age < 60 ? 0.07 : age < 80 ? 0.22 : 0.32;
  if (rng.chance(chronic)) groups.push('chronic_illness');
  if (age >= 18 && age <= 60 && rng.chance(p.residency === 'floating' ? 0.1 : 0.04)) groups.push('key_industry');
  return groups;
}

function* buildingsOf(plan: CityPlan): Generator<BuildingPlan> {
  for (const d of plan.districts)
    for (const s of d.streets)
      for (const c of s.communities)
        for (const p of c.compounds)
          yield* p.buildings;
}

function* walkJurisdictions(seed: number, plan: CityPlan): Generator<JurisdictionSeed> {
  const strip = ({ code, name, level, parentCode, path, depth, gridCode }: JurisdictionSeed): JurisdictionSeed => ({
    code, name, level, parentCode, path, depth, gridCode,
  });
  yield plan.city;
  for (const d of plan.districts) {
    yield strip(d);
    for (const s of d.streets) {
      yield strip(s);
      for (const c of s.communities) {
        yield strip(c);
        for (const p of c.compounds) {
          yield strip(p);
          for (const b of p.buildings) {
            yield strip(b);
            for (const { unit, households } of layoutBuilding(seed, b)) {
              yield unit;
              yield* households;
            }
          }
        }
      }
    }
  }
}

function* walkHouseholds(seed: number, plan: CityPlan): Generator<HouseholdSeed> {
  for (const b of buildingsOf(plan)) for (const { households } of layoutBuilding(seed, b)) yield* households;
}

function* walkPeople(seed: number, plan: CityPlan, asOfText: string): Generator<PersonSeed> {
  const asOf = parseDay(asOfText);
  const rng = new Random(seed, 'people');
  const ids = new IdNumberAllocator(DISTRICTS.map((d) => d.code), asOf);
  const phones = new PhoneAllocator(seed);
  for (const building of buildingsOf(plan)) {
    const districtCode = DISTRICTS[building.districtIndex].code;
    for (const { households } of layoutBuilding(seed, building)) {
      for (const household of households) {
        const members = householdMembers(rng, household.composition, household.size);
        const surnames: string[] = [];
        let headPhone = '';
        for (const [i, m] of members.entries()) {
          // A birthday somewhere in the year that makes the member `age` on `asOf`.
          const latest = yearsBefore(asOf, m.age);
          const earliest = yearsBefore(asOf, m.age + 1) + 1;
          const { idNumber, day } = ids.allocate(building.districtIndex, rng.int(earliest, latest), m.sex);
          const birthDate = isoDay(day);
          const age = ageOn(birthDate, asOfText);
          const surname = m.surnameOf >= 0 ? surnames[m.surnameOf] : pickSurname(rng);
          surnames.push(surname);
          // Children under 16 are reached through the head of the household.
          const phone = age >= 16 || i === 0 ? phones.allocate() : headPhone;
          if (i === 0) headPhone = phone;
          yield {
            name: chineseName(rng, m.sex, Number(birthDate.slice(0, 4)), surname),
            idNumber,
            phone,
            sex: m.sex,
            birthDate,
            age,
            relation: m.relation,
            householdCode: household.code,
            householdPath: household.path,
            districtCode,
            address: household.address,
            residency: household.residency,
            groups: groupsOf(rng, { age, sex: m.sex, relation: m.relation, residency: household.residency }, members.length === 1),
          };
        }
      }
    }
  }
}

function iterable<T>(walk: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: walk };
}

export function generateCity(opts: GenerateCityOptions = {}): DemoCity {
  const seed = opts.seed ?? 1;
  const population = opts.population ?? 50_000;
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(population) || population < 1 || population > MAX_POPULATION) {
    throw new RangeError(`population must be an integer from 1 to ${MAX_POPULATION}, got ${population}`);
  }
  parseDay(asOf);
  const plan = planCity(seed, population);
  const accounts = planAccounts(plan);
  return {
    seed,
    population,
    asOf,
    city: plan.city,
    jurisdictions: iterable(() => walkJurisdictions(seed, plan)),
    households: iterable(() => walkHouseholds(seed, plan)),
    people: iterable(() => walkPeople(seed, plan, asOf)),
    grids: plan.grids,
    accounts,
    counts() {
      const counts: CityCounts = {
        city: 1,
        district: 0,
        street: 0,
        community: 0,
        compound: 0,
        building: 0,
        unit: 0,
        household: 0,
        grids: plan.grids.length,
        accounts: accounts.length,
        people: population,
      };
      for (const d of plan.districts) {
        counts.district++;
        for (const s of d.streets) {
          counts.street++;
          for (const c of s.communities) {
            counts.community++;
            for (const p of c.compounds) {
              counts.compound++;
              for (const b of p.buildings) {
                counts.building++;
                for (const { households } of layoutBuilding(seed, b)) {
                  counts.unit++;
                  counts.household += households.length;
                }
              }
            }
          }
        }
      }
      return counts;
    },
  };
}
