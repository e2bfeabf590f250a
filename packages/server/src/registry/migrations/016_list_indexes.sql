-- Keyset pagination of the institution list (institutions-repo.ts): one index per sort order, on the same
-- never-NULL expressions the list orders and compares by, ending in the unique id. A page then starts with an
-- index range scan at the previous page's last key instead of reading and discarding every earlier row, and
-- the reversed order (`-sort`) scans the same index backwards. The area order's index also serves every
-- area-prefix look-up the single-column index did, and the category order's the category one's.
create index institutions_by_area on institutions (area_code, category, id);
create index institutions_by_category on institutions (category, area_code, id);
create index institutions_by_name on institutions (name, id);
create index institutions_by_grade on institutions (
  (-coalesce(grade_level, 0)),
  (case grade_class when '甲' then 1 when '乙' then 2 when '丙' then 3 else 4 end),
  area_code,
  id
);
create index institutions_by_opened on institutions ((coalesce(opened_on, 'infinity'::date)), id);
drop index institutions_area;
drop index institutions_category;
