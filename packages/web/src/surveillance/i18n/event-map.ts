// Texts of event-map: each key with its Chinese and English side by side.

export const eventMapText = {
  mapNone: { zh: '暂无该地区边界数据', en: 'No boundaries for this area' },
  mapCountyFallback: { zh: '暂无乡镇边界数据，按县（市、区）显示', en: 'No township boundaries: shown by county' },
  mapTownshipPoints: {
    zh: '无乡镇边界：按县区显示，乡镇以点表示',
    en: 'No township boundaries: shown by county, townships as points',
  },
  mapPointFromArea: { zh: '{name}：区划登记的坐标', en: '{name}: coordinates recorded for the area' },
  mapPointFromInstitutions: {
    zh: '{name}：辖区内 {count} 家机构位置的中心（近似）',
    en: '{name}: centre of its {count} institutions (approximate)',
  },
  mapPointsUnknown: { zh: '无坐标，未在图上标出：{names}', en: 'No coordinates, not on the map: {names}' },
  mapCountyMissing: {
    zh: '{name}暂无边界数据，未在图上标出',
    en: 'No boundary for {name}: it is not outlined on the map',
  },
  mapCountyMissingPoints: {
    zh: '{name}暂无边界数据，未在图上标出；乡镇以点表示',
    en: 'No boundary for {name}: it is not outlined on the map; townships as points',
  },
};
