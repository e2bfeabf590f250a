// Division changes the shipped national list (current codes only) does not carry. Each entry is a real,
// published change; add more here or through `weijian areas change`.

export interface DivisionChange {
  /** The retired area as it was. */
  code: string;
  name: string;
  level: number;
  parentCode: string;
  validTo: string;
  /** The area that replaced it, and the date it took effect. */
  successorCode: string;
  successorValidFrom: string;
}

export const KNOWN_DIVISION_CHANGES: DivisionChange[] = [
  // 国务院批复撤销长垣县、设立县级长垣市 (民政部 2019-08)
  {
    code: '410728',
    name: '长垣县',
    level: 3,
    parentCode: '4107',
    validTo: '2019-08-15',
    successorCode: '410783',
    successorValidFrom: '2019-08-16',
  },
];
