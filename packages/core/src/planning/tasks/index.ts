// Key tasks and major projects of a plan (重点任务/重大项目): status rules and the task-list parser. Pure, no
// I/O. Imported as `@weijian/core/planning/tasks`.
export * from './task-list-parse.ts';
export * from './task-status.ts';
