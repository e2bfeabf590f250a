// Bulk exchange of the registry (import templates, row mapping, export columns): pure, no I/O.
export * from './columns.ts';
export * from './headers.ts';
export * from './rows.ts';
export * from './values.ts';
