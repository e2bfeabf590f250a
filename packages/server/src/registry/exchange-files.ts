// Moved to platform/file-decoding.ts (shared by registry, planning and surveillance). This re-export keeps
// the other contexts' imports working while they switch; the lead removes it at the end.
export * from '../platform/file-decoding.ts';
