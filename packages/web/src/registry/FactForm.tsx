// Number inputs for a list of fact fields (resources or population), grouped as the fields declare.
// A figure out of range is a field error, never silently changed: antd's InputNumber would clamp a value
// below `min` on blur (−5 beds saved as 0) and round to `precision` (2.5 → 3), so neither is set and
// the form's rules say what is wrong instead, with core's words (validate-facts.ts).
import { Card, Col, Form, type FormInstance, InputNumber, Row } from 'antd';
import type { ErrorDetail } from '../platform/api.ts';
import { useLabel } from '../platform/locale.tsx';
import type { FieldDef } from '../platform/types.ts';
import { useRegistryT } from './i18n.ts';

export function groupFields(fields: FieldDef[]): [string, FieldDef[]][] {
  const groups = new Map<string, FieldDef[]>();
  for (const f of fields) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  return [...groups.entries()];
}

const KNOWN_GROUPS = ['beds', 'staff', 'equipment', 'service', 'total', 'sex', 'age', 'vital'];

/** Above this a count is a typo (core's validate-facts.ts refuses it too). */
const MAX_COUNT = 2_000_000_000;

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
                <Form.Item
                  name={f.key}
                  label={label(f)}
                  rules={[
                    {
                      validator: async (_, v: unknown) => {
                        if (v === null || v === undefined || v === '') return;
                        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
                          throw new Error(t('countMustBeWhole', { label: label(f) }));
                        if (v > MAX_COUNT) throw new Error(t('countTooLarge', { label: label(f) }));
                      },
                    },
                  ]}
                >
                  <InputNumber
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

/**
 * Puts the server's refusals under the fields they name (their messages already say which field, in
 * words); returns those that name no field of the form, for the alert above it.
 */
export function showFieldErrors(
  form: FormInstance,
  fields: FieldDef[],
  details: readonly ErrorDetail[],
): ErrorDetail[] {
  const keys = new Set(fields.map((f) => f.key));
  const byField = new Map<string, string[]>();
  const rest: ErrorDetail[] = [];
  for (const d of details) {
    if (d.path && keys.has(d.path)) byField.set(d.path, [...(byField.get(d.path) ?? []), d.message]);
    else rest.push(d);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}
