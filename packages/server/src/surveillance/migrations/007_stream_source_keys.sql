-- A named stream source (school, pharmacy) is its name in its area, not its name alone: two pharmacies called
-- 张仲景大药房 in two townships are two sources. Keys 'name:<name>' become 'name:<area code>:<name>' (the area
-- code of the source as stored: its township or village); 'inst:<id>' keys stay. The counts of a source and
-- the silent-source signals (signals.place holds the key) follow their source's new key, so stored series,
-- reporting status and signals keep working. Two same-named sources of one county that were already merged
-- under one key cannot be told apart any more; they stay one source, at the area last reported.
--
-- Idempotent: a key already of the form 'name:<its area code>:…' is left alone, and the counts and signals
-- are matched through the old key of their source, which no longer exists once the source is rewritten.
-- Plain UPDATE … FROM, valid on PGlite and PostgreSQL. The new key of a source is a function of its old key
-- within (county, stream), so no primary or unique key can collide.

-- Silent-source signals: place = the source key, subject = the stream.
update signals g
   set place = 'name:' || s.area_code || ':' || substr(g.place, 6)
  from stream_sources s
 where g.source = 'silent'
   and g.place like 'name:%'
   and s.county_code = g.county_code
   and s.stream_code = g.subject
   and s.source_key = g.place
   and left(s.source_key, length(s.area_code) + 6) <> 'name:' || s.area_code || ':';

-- Counts without a source row (not written by this system, but possible in restored data) take their own
-- township; this runs before the counts below are rewritten, while every count of a source still shares its
-- source's (old) key.
update stream_counts c
   set source_key = 'name:' || c.township_code || ':' || substr(c.source_key, 6)
 where c.source_key like 'name:%'
   and left(c.source_key, length(c.township_code) + 6) <> 'name:' || c.township_code || ':'
   and not exists (
     select 1 from stream_sources s
      where s.county_code = c.county_code and s.stream_code = c.stream_code and s.source_key = c.source_key
   );

-- Counts, through their source.
update stream_counts c
   set source_key = 'name:' || s.area_code || ':' || substr(c.source_key, 6)
  from stream_sources s
 where c.source_key like 'name:%'
   and s.county_code = c.county_code
   and s.stream_code = c.stream_code
   and s.source_key = c.source_key
   and left(s.source_key, length(s.area_code) + 6) <> 'name:' || s.area_code || ':';

-- The sources themselves, last: the statements above find their rows through the old keys.
update stream_sources
   set source_key = 'name:' || area_code || ':' || substr(source_key, 6)
 where source_key like 'name:%'
   and left(source_key, length(area_code) + 6) <> 'name:' || area_code || ':';
