// The follow-up or check form over the page that opened it (the work list, the record): no navigation, so
// after a save the list is right there with the next patient.
import { Modal } from 'antd';
import { CheckForm } from './CheckForm.tsx';
import { FollowupForm } from './FollowupForm.tsx';
import { codeKey, useCareT } from './i18n.ts';
import type { CheckType, Program } from './types.ts';

export type Entry =
  | { kind: 'followup'; residentId: number; name: string; program: Program; lastMedication?: string | null }
  | { kind: 'check'; residentId: number; name: string; checkType: CheckType };

export function EntryModal({ entry, onClose }: { entry: Entry | null; onClose: (saved: boolean) => void }) {
  const t = useCareT();
  const title = !entry
    ? ''
    : entry.kind === 'followup'
      ? t('followupTitle', { program: t(codeKey('program', entry.program)), name: entry.name })
      : t('checkTitle', { type: t(codeKey('check', entry.checkType)), name: entry.name });
  return (
    <Modal
      open={!!entry}
      title={title}
      footer={null}
      width={640}
      destroyOnHidden
      onCancel={() => onClose(false)}
      data-testid="entry-modal"
    >
      {entry?.kind === 'followup' && (
        <FollowupForm
          key={`${entry.residentId}-${entry.program}`}
          target={{
            residentId: entry.residentId,
            name: entry.name,
            program: entry.program,
            ...(entry.lastMedication !== undefined ? { lastMedication: entry.lastMedication } : {}),
          }}
          onSaved={() => onClose(true)}
          onCancel={() => onClose(false)}
        />
      )}
      {entry?.kind === 'check' && (
        <CheckForm
          key={`${entry.residentId}-${entry.checkType}`}
          residentId={entry.residentId}
          type={entry.checkType}
          onSaved={() => onClose(true)}
          onCancel={() => onClose(false)}
        />
      )}
    </Modal>
  );
}
