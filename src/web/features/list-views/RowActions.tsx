import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  onEdit?: () => void;
  /** The confirmation question, e.g. "Delete Huawei?"; no delete button without it. */
  deleteTitle?: string;
  onDelete?: () => void;
}

/** Edit and delete (confirmed, to the recycle bin) buttons of one row. */
export function RowActions({ onEdit, deleteTitle, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <Space size={0}>
      {onEdit && (
        <Tooltip title={t('common.edit')}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={onEdit} />
        </Tooltip>
      )}
      {onDelete && deleteTitle && (
        <Popconfirm
          title={deleteTitle}
          description={t('common.recycleBinHint')}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={onDelete}
        >
          <Tooltip title={t('common.delete')}>
            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
          </Tooltip>
        </Popconfirm>
      )}
    </Space>
  );
}
