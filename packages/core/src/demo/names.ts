// Name material for privately run institutions. Public ones are named by rule (辉县市人民医院,
// 孟庄镇卫生院); private hospitals, 门诊部 and clinics take a brand word or the doctor's name, as they do
// in practice.

import type { Rng } from '../platform/prng.ts';

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '建国',
  '建军',
  '国庆',
  '卫东',
  '新民',
  '志强',
  '海涛',
  '振华',
  '红梅',
  '秀英',
  '丽娟',
  '桂兰',
  '玉兰',
  '淑珍',
  '文华',
  '德胜',
  '保国',
  '永刚',
  '学军',
  '明亮',
  '春生',
  '秋菊',
  '冬梅',
  '晓峰',
  '建华',
  '立新',
  '向阳',
  '红军',
  '爱民',
  '长青',
  '金山',
  '玉梅',
  '凤英',
  '俊杰',
  '伟',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '军',
  '杰',
  '娜',
  '涛',
  '超',
  '明',
  '霞',
  '平',
  '刚',
  '辉',
  '书林',
  '广德',
  '怀仁',
  '济世',
  '守仁',
  '建设',
  '振国',
  '树森',
  '海燕',
  '新华',
];
const BRANDS = [
  '仁和',
  '康宁',
  '博爱',
  '济民',
  '华康',
  '同仁',
  '仁爱',
  '惠民',
  '福康',
  '益民',
  '德善',
  '安康',
  '瑞康',
  '普济',
  '和美',
  '嘉禾',
  '天佑',
  '健民',
  '康泰',
  '长安',
  '太行',
  '牧野',
  '卫河',
  '百泉',
  '中原',
  '豫北',
  '新华',
  '东方',
  '协和',
  '慈济',
  '永康',
  '佑民',
  '华夏',
  '明德',
  '仁济',
  '恒康',
  '康华',
  '广济',
  '济生',
  '怡康',
];
const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function personName(rng: Rng): string {
  return SURNAMES[rng.int(0, SURNAMES.length - 1)]! + rng.pick(GIVEN);
}

export function brand(rng: Rng): string {
  return rng.pick(BRANDS);
}

/** 2 → 二, 12 → 十二, 35 → 三十五 (enough for branch numbering). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${CN_DIGITS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

/** Keeps names unique across the city: a clash becomes 张建国第二诊所, as a second licence would be named. */
export class NameBook {
  private readonly used = new Set<string>();

  claim(stem: string, suffix: string): string {
    let name = stem + suffix;
    for (let n = 2; this.used.has(name); n++) name = `${stem}第${chineseNumber(n)}${suffix}`;
    this.used.add(name);
    return name;
  }
}
