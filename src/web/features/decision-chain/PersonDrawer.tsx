import { DeleteOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Flex, Form, Popconfirm } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChainNode, Department } from '../../../shared/schemas/decision-chain';
import { PersonFields, type PersonValues, personAttributes } from './PersonFields';

interface Props {
  person: ChainNode | null;
  departments: Department[];
  editable: boolean;
  deletable: boolean;
  saving: boolean;
  onClose(): void;
  onSave(id: string, attributes: ReturnType<typeof personAttributes>): Promise<void>;
  onDelete(id: string): Promise<void>;
}

/** Edits one person's attributes; their name and contact details stay on the contact's own page. */
export function PersonDrawer({ person, departments, editable, deletable, saving, onClose, onSave, onDelete }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PersonValues>();
  useEffect(() => {
    if (person) form.setFieldsValue({ ...person, strength: person.strength ?? 0 });
  }, [person, form]);

  return (
    <Drawer
      open={!!person}
      onClose={onClose}
      title={person?.contactName}
      size={420}
      destroyOnHidden
      extra={
        person &&
        deletable && (
          <Popconfirm
            title={t('decisionChain.deletePersonConfirm', { name: person.contactName })}
            description={t('decisionChain.deletePersonHint')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onDelete(person.id)}
          >
            <Button danger icon={<DeleteOutlined />}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        )
      }
      footer={
        editable && (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="person-save">
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {person && (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'contact', label: t('decisionChain.fields.contact'), children: <Link to={`/contacts/${person.contactId}`}>{person.contactName}</Link> },
              {
                key: 'last',
                label: t('decisionChain.fields.lastContactAt'),
                children: person.lastContactAt ? dayjs(person.lastContactAt).format('YYYY-MM-DD') : t('common.never'),
              },
            ]}
          />
          <Form<PersonValues>
            form={form}
            layout="vertical"
            disabled={!editable}
            onFinish={(values) => onSave(person.id, personAttributes(values))}
            data-testid="person-form"
          >
            <PersonFields departments={departments} />
          </Form>
        </>
      )}
    </Drawer>
  );
}
