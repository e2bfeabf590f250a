-- Registry: areas, networks, institutions, yearly resources, yearly population (see docs/data-model.md).
-- Large tables carry county_code, the county-level area code: the future Citus distribution key, part of
-- every unique key.

create table areas (
  code text primary key,               -- 2 province, 4 city, 6 county (GB/T 2260), 9 township, 12 village
  name text not null,
  level smallint not null check (level between 1 and 5),
  parent_code text references areas (code),
  county_code text,                    -- county-level ancestor (itself for a county); null above county
  urban_rural text,                    -- 城乡分类代码 (3 digits) of villages
  valid_from date,                     -- null: valid since before records began
  valid_to date,                       -- null: still valid
  successor_code text references areas (code),
  lng double precision,
  lat double precision
);
create index areas_parent on areas (parent_code);
create index areas_successor on areas (successor_code);

create table networks (
  id integer generated always as identity primary key,
  county_code text not null,
  name text not null,
  type text not null check (type in ('county-medical-community', 'urban-medical-group', 'specialty-alliance')),
  lead_institution_id integer,
  unique (county_code, name)
);

create table institutions (
  id integer generated always as identity,
  county_code text not null references areas (code),
  area_code text not null references areas (code),
  name text not null,
  uscc text,                           -- 统一社会信用代码 (GB 32100)
  category text not null,
  grade_level smallint check (grade_level between 1 and 3),
  grade_class text check (grade_class in ('甲', '乙', '丙')),
  ownership text not null check (ownership in ('government', 'other-public', 'private')),
  for_profit boolean not null default false,
  lng double precision,
  lat double precision,
  opened_on date,
  closed_on date,
  network_id integer references networks (id),
  synthetic boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (county_code, id),
  unique (id)
);
create unique index institutions_uscc on institutions (uscc) where uscc is not null;
create index institutions_area on institutions (area_code);
create index institutions_category on institutions (category);

create table institution_resources (
  county_code text not null,
  institution_id integer not null references institutions (id),
  year smallint not null check (year between 1949 and 2100),
  beds_approved integer check (beds_approved >= 0), -- 编制床位
  beds_actual integer check (beds_actual >= 0), -- 实有床位
  beds_open integer check (beds_open >= 0), -- 实际开放床位
  beds_icu integer check (beds_icu >= 0), -- ICU床位
  beds_icu_convertible integer check (beds_icu_convertible >= 0), -- 可转换ICU床位
  beds_pediatric integer check (beds_pediatric >= 0), -- 儿科床位
  beds_psychiatric integer check (beds_psychiatric >= 0), -- 精神科床位
  beds_rehab integer check (beds_rehab >= 0), -- 康复床位
  beds_infectious integer check (beds_infectious >= 0), -- 传染科床位
  beds_nursing integer check (beds_nursing >= 0), -- 护理床位
  beds_emergency_obs integer check (beds_emergency_obs >= 0), -- 急诊观察床位
  beds_hospice integer check (beds_hospice >= 0), -- 安宁疗护床位
  staff_total integer check (staff_total >= 0), -- 卫生人员
  health_technicians integer check (health_technicians >= 0), -- 卫生技术人员
  doctors integer check (doctors >= 0), -- 执业（助理）医师
  assistant_doctors integer check (assistant_doctors >= 0), -- 其中：执业助理医师
  nurses integer check (nurses >= 0), -- 注册护士
  pharmacists integer check (pharmacists >= 0), -- 药师（士）
  technicians integer check (technicians >= 0), -- 技师（士）
  general_practitioners integer check (general_practitioners >= 0), -- 全科医生
  tcm_doctors integer check (tcm_doctors >= 0), -- 中医类别执业（助理）医师
  public_health_staff integer check (public_health_staff >= 0), -- 公共卫生人员
  public_health_doctors integer check (public_health_doctors >= 0), -- 公共卫生类别执业（助理）医师
  psychiatrists integer check (psychiatrists >= 0), -- 精神科执业（助理）医师
  pediatricians integer check (pediatricians >= 0), -- 儿科执业（助理）医师
  village_doctors integer check (village_doctors >= 0), -- 乡村医生
  health_supervisors integer check (health_supervisors >= 0), -- 卫生监督员
  ambulances integer check (ambulances >= 0), -- 救护车
  ambulances_negative_pressure integer check (ambulances_negative_pressure >= 0), -- 其中：负压救护车
  large_equipment integer check (large_equipment >= 0), -- 大型医用设备
  outpatient_visits bigint check (outpatient_visits >= 0), -- 总诊疗人次
  discharges bigint check (discharges >= 0), -- 出院人数
  open_bed_days bigint check (open_bed_days >= 0), -- 实际开放总床日数
  occupied_bed_days bigint check (occupied_bed_days >= 0), -- 实际占用总床日数
  discharged_bed_days bigint check (discharged_bed_days >= 0), -- 出院者占用总床日数
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (county_code, institution_id, year)
);
create index institution_resources_year on institution_resources (year, county_code);

create table area_population (
  county_code text not null,
  area_code text not null references areas (code),
  year smallint not null check (year between 1949 and 2100),
  resident integer check (resident >= 0), -- 常住人口
  registered integer check (registered >= 0), -- 户籍人口
  male integer check (male >= 0), -- 男性
  female integer check (female >= 0), -- 女性
  age0_to2 integer check (age0_to2 >= 0), -- 0–2岁
  age3_to6 integer check (age3_to6 >= 0), -- 3–6岁
  age7_to14 integer check (age7_to14 >= 0), -- 7–14岁
  age15_to59 integer check (age15_to59 >= 0), -- 15–59岁
  age60_to64 integer check (age60_to64 >= 0), -- 60–64岁
  age65_plus integer check (age65_plus >= 0), -- 65岁及以上
  births integer check (births >= 0), -- 活产数
  deaths integer check (deaths >= 0), -- 死亡人数
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (county_code, area_code, year)
);
create index area_population_year on area_population (year, county_code);

-- Key/value facts about this installation (e.g. which demo city was generated, and with which seed).
create table settings (
  key text primary key,
  value jsonb not null
);
