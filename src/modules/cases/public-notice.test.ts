import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composePublicNotice, enTimeRange, zhTimeRange, type NoticeEntry } from './public-notice.ts';

/** City time (UTC+8) written as such, so the expectations read like the notice. */
const at = (local: string) => new Date(`${local}+08:00`);
const window = { from: at('2026-11-18T00:00:00'), until: at('2026-11-22T18:00:00') };
const c = { caseNumber: 'C-000001', classification: 'confirmed' as const };
const entry = (e: Partial<NoticeEntry> & Pick<NoticeEntry, 'kind' | 'startsAt'>): NoticeEntry => ({ endsAt: null, venueName: null, place: null, detail: null, ...e });

describe('time ranges in city time (UTC+8), to the minute', () => {
  const cases: Array<[string, Date, Date | null, string, string]> = [
    ['same day', at('2026-11-20T09:30:00'), at('2026-11-20T10:15:00'), '11月20日 9:30-10:15', 'Nov 20 09:30–10:15'],
    ['rounded to the nearest minute', at('2026-11-20T09:29:31'), at('2026-11-20T10:15:29'), '11月20日 9:30-10:15', 'Nov 20 09:30–10:15'],
    ['no end', at('2026-11-20T18:05:00'), null, '11月20日 18:05', 'Nov 20 18:05'],
    ['an end that rounds onto the start', at('2026-11-20T18:05:00'), at('2026-11-20T18:05:10'), '11月20日 18:05', 'Nov 20 18:05'],
    ['past midnight', at('2026-11-20T23:40:00'), at('2026-11-21T00:20:00'), '11月20日 23:40-11月21日 0:20', 'Nov 20 23:40–Nov 21 00:20'],
    // 17:00 UTC is already the next day in the city.
    ['a UTC instant on the city’s next day', new Date('2026-11-20T17:00:00Z'), null, '11月21日 1:00', 'Nov 21 01:00'],
  ];
  for (const [name, from, until, zh, en] of cases) {
    test(name, () => {
      assert.equal(zhTimeRange(from, until), zh);
      assert.equal(enTimeRange(from, until), en);
    });
  }
});

describe('composePublicNotice', () => {
  const entries: NoticeEntry[] = [
    entry({ kind: 'transport', startsAt: at('2026-11-20T12:00:00'), endsAt: at('2026-11-20T12:40:00'), detail: '地铁1号线' }),
    entry({ kind: 'venue', startsAt: at('2026-11-20T09:30:00'), endsAt: at('2026-11-20T10:15:00'), venueName: '惠民超市', detail: '与妻子张丽同行，电话13700000001' }),
    entry({ kind: 'home', startsAt: at('2026-11-20T19:00:00'), endsAt: at('2026-11-21T08:00:00'), place: '幸福小区3号楼2单元101室' }),
    entry({ kind: 'workplace', startsAt: at('2026-11-21T09:00:00'), endsAt: at('2026-11-21T17:30:00'), place: '示范科技公司', detail: '同事王强、李四' }),
    entry({ kind: 'place', startsAt: at('2026-11-19T07:10:00'), endsAt: at('2026-11-19T07:40:00'), place: '农贸市场东门早餐摊' }),
    entry({ kind: 'venue', startsAt: at('2026-11-21T19:00:00'), venueName: '已删除的场所', removedAt: at('2026-11-22T10:00:00') }),
    entry({ kind: 'venue', startsAt: at('2026-11-10T10:00:00'), endsAt: at('2026-11-10T11:00:00'), venueName: '窗口外的影院' }),
    entry({ kind: 'venue', startsAt: at('2026-11-17T23:30:00'), endsAt: at('2026-11-18T00:30:00'), venueName: '跨入窗口的网吧' }),
    // The scan and the investigator's note of the same visit: once.
    entry({ kind: 'venue', startsAt: at('2026-11-20T09:30:10'), endsAt: at('2026-11-20T10:15:00'), venueName: '惠民超市' }),
  ];
  const notice = composePublicNotice(c, entries, window);

  test('in time order, within the window, home and removed entries left out, duplicates once', () => {
    assert.deepEqual(notice.places, [
      { place: '跨入窗口的网吧', from: '2026-11-17T23:30+08:00', until: '2026-11-18T00:30+08:00' },
      { place: '农贸市场东门早餐摊', from: '2026-11-19T07:10+08:00', until: '2026-11-19T07:40+08:00' },
      { place: '惠民超市', from: '2026-11-20T09:30+08:00', until: '2026-11-20T10:15+08:00' },
      { place: '地铁1号线', from: '2026-11-20T12:00+08:00', until: '2026-11-20T12:40+08:00' },
      { place: '示范科技公司', from: '2026-11-21T09:00+08:00', until: '2026-11-21T17:30+08:00' },
    ]);
  });

  test('the Chinese text reads like a city notice', () => {
    assert.equal(
      notice.text.zh,
      [
        '病例C-000001（确诊病例）活动轨迹如下：',
        '11月17日 23:30-11月18日 0:30 到访 跨入窗口的网吧；',
        '11月19日 7:10-7:40 到访 农贸市场东门早餐摊；',
        '11月20日 9:30-10:15 到访 惠民超市；',
        '11月20日 12:00-12:40 乘坐 地铁1号线；',
        '11月21日 9:00-17:30 停留于 示范科技公司。',
        '凡在上述时间到过上述地点的市民，请立即向所在社区（村）、单位或入住酒店报告，配合落实核酸检测等防控措施。',
      ].join('\n'),
    );
    assert.match(notice.text.en, /^Case C-000001 \(confirmed case\) movements:\nNov 17 23:30–Nov 18 00:30 visited 跨入窗口的网吧;/);
    assert.match(notice.text.en, /Nov 20 12:00–12:40 took 地铁1号线;/);
  });

  test('nothing personal leaks: no home address, no free-text detail of a venue or workplace', () => {
    const all = JSON.stringify(notice);
    for (const secret of ['幸福小区', '101室', '张丽', '13700000001', '王强', '李四', '已删除的场所', '窗口外的影院']) assert.ok(!all.includes(secret), `${secret} leaked`);
  });

  const classes: Array<['confirmed' | 'asymptomatic' | 'suspected', string, string]> = [
    ['confirmed', '确诊病例', 'confirmed case'],
    ['asymptomatic', '无症状感染者', 'asymptomatic infection'],
    ['suspected', '疑似病例', 'suspected case'],
  ];
  for (const [classification, zh, en] of classes) {
    test(`classification ${classification}, no movements to publish`, () => {
      const n = composePublicNotice({ caseNumber: 'C-000002', classification }, [entry({ kind: 'home', startsAt: at('2026-11-20T09:00:00'), place: '家' })], window);
      assert.deepEqual(n.places, []);
      assert.equal(n.text.zh, `病例C-000002（${zh}）暴露期内无需公布的活动轨迹。`);
      assert.equal(n.text.en, `Case C-000002 (${en}): no movements to publish in the exposure window.`);
    });
  }

  test('a venue without a name falls back to the place; an entry with nothing to name is left out', () => {
    const n = composePublicNotice(c, [entry({ kind: 'venue', startsAt: at('2026-11-20T09:00:00'), place: '  东门  菜市场 ' }), entry({ kind: 'place', startsAt: at('2026-11-20T10:00:00'), detail: '只有备注' })], window);
    assert.deepEqual(n.places, [{ place: '东门 菜市场', from: '2026-11-20T09:00+08:00', until: null }]);
  });
});
