-- Space-time permutation scan clusters are signals of their own source.
alter table signals drop constraint signals_source_check;
alter table signals add constraint signals_source_check
  check (source in ('case', 'fixed', 'cluster', 'stream', 'silent', 'scan'));
