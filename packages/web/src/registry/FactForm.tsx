// Number inputs for a list of fact fields (resources or population), grouped as the fields declare.
import { Card, Col, Form, InputNumber, Row } from 'antd';
import { useLabel } from '../platform/locale.tsx';
import type { FieldDef } from '../platform/types.ts';
import { useRegistryT } from './i18n.ts';

export function groupFields(fields: FieldDef[]): [string, FieldDef[]][] {
  const groups = new Map<string, FieldDef[]>();
  for (const f of fields) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  return [...groups.entries()];
}

const KNOWN_GROUPS = ['beds', 'staff', 'equipment', 'service', 'total', 'sex', 'age', 'vital'];

export function FactFields({ fields, disabled }: { fields: FieldDef[]; disabled?: boolean }) {
  const t = useRegistryT();
  const label = useLabel();
  return (
    <>
      {groupFields(fields).map(([group, list]) => (
        <Card
          key={group}
          size="small"
          title={KNOWN_GROUPS.includes(group) ? t(`group_${group}` as Parameters<typeof t>[0]) : group}
          style={{ marginBottom: 12 }}
          data-testid={`group-${group}`}
        >
          <Row gutter={16}>
            {list.map((f) => (
              <Col key={f.key} xs={24} sm={12} lg={8} xl={6}>
                <Form.Item name={f.key} label={label(f)}>
                  <InputNumber
                    min={0}
                    precision={0}
                    style={{ width: '100%' }}
                    suffix={f.unit}
                    disabled={disabled}
                    data-testid={`field-${f.key}`}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      ))}
    </>
  );
}

/** Form values → payload: every field present, empty inputs as null ("not reported", not 0). */
export function toPayload(fields: FieldDef[], values: Record<string, number | null | undefined>) {
  return Object.fromEntries(fields.map((f) => [f.key, values[f.key] ?? null]));
}
