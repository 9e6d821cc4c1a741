import { Form, Input, Rate, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { BUYING_ROLES, CHAIN_LEVELS, type Department, SUPPORT_LEVELS } from '../../../shared/schemas/decision-chain';
import { UserSelect } from '../users/UserSelect';

/** The attributes of a chain person, shared by "add person" and the edit drawer. */
export interface PersonValues {
  title?: string | null;
  departmentId?: string | null;
  buyingRole?: string | null;
  support: string;
  favouredCompetitor?: string | null;
  strength?: number | null;
  level?: string | null;
  risingStar?: boolean;
  ourOwnerId?: string | null;
  notes?: string | null;
}

export function PersonFields({ departments }: { departments: Department[] }) {
  const { t } = useTranslation();
  const support = Form.useWatch('support');
  return (
    <>
      <Form.Item name="title" label={t('decisionChain.fields.title')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('decisionChain.fields.department')}>
        <Select allowClear options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={t('decisionChain.noDepartment')} />
      </Form.Item>
      <Form.Item name="buyingRole" label={t('decisionChain.fields.buyingRole')}>
        <Select allowClear options={BUYING_ROLES.map((r) => ({ value: r, label: t(`decisionChain.roles.${r}`) }))} />
      </Form.Item>
      <Form.Item name="support" label={t('decisionChain.fields.support')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={SUPPORT_LEVELS.map((s) => ({ value: s, label: t(`decisionChain.support.${s}`) }))} />
      </Form.Item>
      {support !== 'supporter' && (
        <Form.Item name="favouredCompetitor" label={t('decisionChain.fields.favouredCompetitor')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      )}
      <Form.Item name="strength" label={t('decisionChain.fields.strength')}>
        <Rate count={5} allowClear />
      </Form.Item>
      <Form.Item name="level" label={t('decisionChain.fields.level')}>
        <Select allowClear options={CHAIN_LEVELS.map((l) => ({ value: l, label: t(`decisionChain.levels.${l}`) }))} />
      </Form.Item>
      <Form.Item name="risingStar" label={t('decisionChain.fields.risingStar')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="ourOwnerId" label={t('decisionChain.fields.ourOwner')}>
        <UserSelect allowClear />
      </Form.Item>
      <Form.Item name="notes" label={t('decisionChain.fields.notes')} rules={[{ max: 5000 }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
    </>
  );
}

/** Form values to the API's node fields (empty strings and unset stars become null). */
export function personAttributes(v: PersonValues) {
  return {
    title: v.title?.trim() || null,
    departmentId: v.departmentId ?? null,
    buyingRole: (v.buyingRole ?? null) as never,
    support: v.support as never,
    favouredCompetitor: v.support === 'supporter' ? null : v.favouredCompetitor?.trim() || null,
    strength: v.strength ? v.strength : null,
    level: (v.level ?? null) as never,
    risingStar: !!v.risingStar,
    ourOwnerId: v.ourOwnerId ?? null,
    notes: v.notes?.trim() || null,
  };
}
