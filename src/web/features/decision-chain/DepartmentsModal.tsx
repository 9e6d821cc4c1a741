import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/schemas/decision-chain';

interface Props {
  open: boolean;
  departments: Department[];
  /** How many chain people each department holds: removing one moves them to "no department". */
  counts: Map<string, number>;
  saving: boolean;
  onClose(): void;
  onSave(departments: Department[]): Promise<void>;
}

/** The customer's departments (the broad-coverage layer): edited as a list and saved with the chain. */
export function DepartmentsModal({ open, departments, counts, saving, onClose, onSave }: Props) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Department[]>(departments);
  useEffect(() => {
    if (open) setRows(departments);
  }, [open, departments]);
  const set = (id: string, patch: Partial<Department>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const blank = rows.some((r) => !r.name.trim());

  return (
    <Modal
      open={open}
      title={t('decisionChain.departments')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: blank }}
      confirmLoading={saving}
      onOk={() => onSave(rows.map((r, i) => ({ ...r, name: r.name.trim(), sortOrder: i })))}
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('decisionChain.departmentsHint')}</Typography.Paragraph>
      <Flex vertical gap={8}>
        {rows.map((r) => (
          <Flex key={r.id} gap={8} align="center">
            <Input
              value={r.name}
              maxLength={200}
              status={r.name.trim() ? undefined : 'error'}
              placeholder={t('decisionChain.departmentName')}
              aria-label={t('decisionChain.departmentName')}
              onChange={(e) => set(r.id, { name: e.target.value })}
            />
            <Select
              allowClear
              style={{ width: 220 }}
              placeholder={t('decisionChain.parentDepartment')}
              aria-label={t('decisionChain.parentDepartment')}
              value={r.parentId ?? undefined}
              onChange={(v) => set(r.id, { parentId: v ?? null })}
              options={rows.filter((o) => o.id !== r.id).map((o) => ({ value: o.id, label: o.name || '—' }))}
            />
            <Button
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
              title={counts.get(r.id) ? t('decisionChain.departmentInUse', { count: counts.get(r.id) }) : t('common.delete')}
              onClick={() => setRows((rs) => rs.filter((o) => o.id !== r.id).map((o) => (o.parentId === r.id ? { ...o, parentId: null } : o)))}
            />
          </Flex>
        ))}
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => setRows((rs) => [...rs, { id: crypto.randomUUID(), name: '', parentId: null, sortOrder: rs.length }])}
        >
          {t('decisionChain.addDepartment')}
        </Button>
      </Flex>
    </Modal>
  );
}
