// Fictional personal data with a realistic shape: common surnames and given-name
// characters, mobile numbers of the 1xx form, and identity numbers whose area code (99…)
// belongs to no real place, so no generated number can point at a real person's region.
import type { Random } from './random.ts';

/** Common surnames, most frequent first (weights below follow the order). */
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];

/** Characters common in given names. */
export const GIVEN_CHARS = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国文辉玉萍红鹏飞斌宇浩凯秀云莉燕晨欣怡佳琪雨婷子涵梓轩俊杰志伟海波永春金凤德宏林峰思远晓东立新嘉慧锦程承泽瑞雪梦瑶逸凡天佑紫薇书恒若曦一鸣清扬振华晓燕',
];

/** A fictional person's name: a surname and one or two given-name characters. */
export function personName(random: Random): string {
  const surname = SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(random.next() ** 1.6 * SURNAMES.length))];
  const given = random.pick(GIVEN_CHARS) + (random.chance(0.72) ? random.pick(GIVEN_CHARS) : '');
  return `${surname}${given}`;
}

/** Mobile prefixes of the 1xx form. */
export const MOBILE_PREFIXES = [
  '130',
  '133',
  '135',
  '137',
  '138',
  '139',
  '150',
  '152',
  '157',
  '158',
  '159',
  '177',
  '180',
  '187',
  '189',
  '199',
];

export function mobilePhone(random: Random): string {
  return `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** Area code of the fictional county in identity numbers (99 is no real province). */
export const ID_AREA_CODE = '990121';

/** An 18-character identity number in the real format but with a fictional area code. */
export function idNumber(random: Random, birthYearFrom = 1955, birthYearTo = 2003): string {
  const year = random.int(birthYearFrom, birthYearTo);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  const sequence = String(random.int(1, 999)).padStart(3, '0');
  return `${ID_AREA_CODE}${year}${month}${day}${sequence}${random.pick([...'0123456789X'])}`;
}

/** Trade-name syllables for fictional firms (字号). */
const TRADE_NAME_CHARS = [
  ...'恒信华远锦程鑫源瑞丰宏达永泰嘉禾兴旺佳和天成盛隆汇通博雅创新金鼎新锐宝利德胜合众同创康泰益民安泰顺昌长青富春星辰润泽明远致远安澜绿源青山碧水云溪竹韵梅林松涛秀峰',
];

/** A fictional firm's trade name of two characters, e.g. 恒泰. */
export function tradeName(random: Random): string {
  return random.pick(TRADE_NAME_CHARS) + random.pick(TRADE_NAME_CHARS);
}

const CREDIT_CODE_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

/**
 * A unified social credit code (统一社会信用代码) of the real shape: registration authority
 * and kind ('91' company, '92' individual business), the fictional area code, nine
 * characters and a check character. Unique per `serial`.
 */
export function creditCode(kind: '91' | '92' | '93', serial: number, random: Random): string {
  const body = serial.toString(31).toUpperCase().padStart(6, '0');
  const mapped = [...body].map((c) => CREDIT_CODE_CHARS[parseInt(c, 31)] as string).join('');
  return `${kind}${ID_AREA_CODE}MA${mapped}${random.pick(CREDIT_CODE_CHARS)}${random.pick(CREDIT_CODE_CHARS)}`;
}
