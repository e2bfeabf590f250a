// Medical networks (医联体): what a network record must hold and where its members may lie. Shared by the
// API's checks and the web's network form, so both refuse the same things with the same words.
import type { Bilingual } from '../platform/text.ts';
import { NETWORK_TYPES, type NetworkType } from './categories.ts';
import type { Issue } from './validate-facts.ts';

export interface NetworkInput {
  name: string;
  type: NetworkType;
  /** The lead institution (牵头单位); it must be one of the members. */
  leadInstitutionId: number | null;
}

/** A member as the rules judge it: its place and whether it has been closed (撤销). */
export interface NetworkMember {
  id: number;
  name: string;
  areaCode: string;
  closedOn: string | null;
}

export function validateNetwork(n: NetworkInput): Issue[] {
  const issues: Issue[] = [];
  const add = (field: string, zh: string, en: string) => issues.push({ field, message: { zh, en } });
  const name = n.name.trim();
  if (!name) add('name', '医联体名称不能为空', 'Name is required');
  else if (name.length > 100) add('name', '医联体名称不能超过 100 个字', 'Name is longer than 100 characters');
  if (!NETWORK_TYPES.some((t) => t.code === n.type)) {
    add('type', `医联体类型 ${n.type} 不在类型目录中`, `Unknown network type ${n.type}`);
  }
  return issues;
}

/**
 * The area prefix a network's members must lie in: a 紧密型县域医共体 unites one county's institutions
 * (县乡一体), a 城市医疗集团 those of one city (it takes in the districts' primary care), a 专科联盟 may
 * reach anywhere. `countyCode` is the county the network is registered in.
 */
export function memberReach(type: NetworkType, countyCode: string): string {
  if (type === 'county-medical-community') return countyCode.slice(0, 6);
  if (type === 'urban-medical-group') return countyCode.slice(0, 4);
  return '';
}

const REACH_TEXT: Record<NetworkType, Bilingual> = {
  'county-medical-community': {
    zh: '县域医共体的成员须在本县（市、区）内',
    en: "a county medical community's members lie in its county",
  },
  'urban-medical-group': { zh: '城市医疗集团的成员须在本市内', en: "an urban medical group's members lie in its city" },
  'specialty-alliance': { zh: '', en: '' },
};

/**
 * Why `member` cannot belong to a network of `type` registered in `countyCode`, or null when it can:
 * outside the network's reach, or closed (a closed institution keeps its history but joins nothing).
 */
export function memberProblem(type: NetworkType, countyCode: string, member: NetworkMember): Bilingual | null {
  if (member.closedOn !== null) {
    return {
      zh: `${member.name}已于 ${member.closedOn} 撤销，不能加入医联体`,
      en: `${member.name} was closed on ${member.closedOn} and cannot join a network`,
    };
  }
  if (!member.areaCode.startsWith(memberReach(type, countyCode))) {
    const why = REACH_TEXT[type];
    return { zh: `${member.name}不能加入：${why.zh}`, en: `${member.name} cannot join: ${why.en}` };
  }
  return null;
}

/** The lead must be a current member: a network is led from inside. */
export function leadProblem(leadId: number | null, memberIds: readonly number[]): Bilingual | null {
  if (leadId === null || memberIds.includes(leadId)) return null;
  return { zh: '牵头单位必须是该医联体的成员', en: 'The lead institution must be a member of the network' };
}
