-- Issue 12: masks stored before the identifier rule of core `surveillance/identifiers.ts` kept the first six
-- and last four characters of a 身份证号 and 3 + 4 digits of a phone; beside county, sex and age that let a
-- read-only user rebuild the number. Stored masks are cut to the rule's form (ID: last character; phone: last
-- four digits), and the personal fields that earlier audit before/after values held in clear (birth date,
-- parent name, detailed address, workplace, village code) are masked the same way. The API masks on output
-- too; this keeps database readers and backups to the same rule. Idempotent: masks already in the new form
-- (nothing but '*' before the kept tail) are left alone.

update case_reports
   set citizen_id_masked = repeat('*', char_length(citizen_id_masked) - 1) || right(citizen_id_masked, 1)
 where citizen_id_masked is not null and left(citizen_id_masked, -1) ~ '[^*]';

update case_reports
   set phone_masked = repeat('*', char_length(phone_masked) - 4) || right(phone_masked, 4)
 where phone_masked is not null and char_length(phone_masked) > 4 and left(phone_masked, -4) ~ '[^*]';

-- Audit before-values of corrections: stored snapshots (snake_case columns).
update audit_log
   set before = before
     || jsonb_build_object('birth_date', null)
     || case when jsonb_typeof(before -> 'citizen_id_masked') = 'string' then jsonb_build_object(
          'citizen_id_masked',
          repeat('*', char_length(before ->> 'citizen_id_masked') - 1) || right(before ->> 'citizen_id_masked', 1))
        else '{}'::jsonb end
     || case when jsonb_typeof(before -> 'phone_masked') = 'string' and char_length(before ->> 'phone_masked') > 4
        then jsonb_build_object(
          'phone_masked',
          repeat('*', char_length(before ->> 'phone_masked') - 4) || right(before ->> 'phone_masked', 4))
        else '{}'::jsonb end
     || case when jsonb_typeof(before -> 'parent_name') = 'string' then jsonb_build_object(
          'parent_name',
          case when char_length(before ->> 'parent_name') <= 1 then '*'
               else left(before ->> 'parent_name', 1) || repeat('*', char_length(before ->> 'parent_name') - 1) end)
        else '{}'::jsonb end
     || case when jsonb_typeof(before -> 'workplace') = 'string' then jsonb_build_object('workplace', '***')
        else '{}'::jsonb end
     || case when jsonb_typeof(before -> 'address_text') = 'string' then jsonb_build_object('address_text', '***')
        else '{}'::jsonb end
     || case when jsonb_typeof(before -> 'address_code') = 'string' then jsonb_build_object(
          'address_code', left(before ->> 'address_code', 9))
        else '{}'::jsonb end
 where entity = 'case_report' and jsonb_typeof(before) = 'object' and before ? 'birth_date';

-- Audit after-values of creations and corrections: the masked ID and the address code (API names).
update audit_log
   set after = after
     || case when jsonb_typeof(after -> 'citizenId') = 'string' then jsonb_build_object(
          'citizenId', repeat('*', char_length(after ->> 'citizenId') - 1) || right(after ->> 'citizenId', 1))
        else '{}'::jsonb end
     || case when jsonb_typeof(after -> 'addressCode') = 'string' then jsonb_build_object(
          'addressCode', left(after ->> 'addressCode', 9))
        else '{}'::jsonb end
 where entity = 'case_report' and action in ('case.create', 'case.correct') and jsonb_typeof(after) = 'object';
