import { FileDoneOutlined } from '@ant-design/icons';
import { App, Button, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ORDER_KINDS, type OrderKind } from '../../../shared/schemas/orders';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useCreateOrder } from './api';
import { orderErrorMessage } from './orderLabels';

/** For the quote page: an accepted quote becomes an order or a contract with its lines and totals. */
export function CreateOrderFromQuoteButton({ quote }: { quote: { id: string; status: string; number: string } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const create = useCreateOrder();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<OrderKind>('order');
  if (quote.status !== 'accepted' || !can(permissions, 'orders', 'create')) return null;
  return (
    <>
      <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setOpen(true)}>
        {t('orders.createFromQuote')}
      </Button>
      <Modal
        open={open}
        title={t('orders.createFromQuoteTitle')}
        onCancel={() => setOpen(false)}
        okText={t('orders.createFromQuote')}
        okButtonProps={{ loading: create.isPending }}
        onOk={() =>
          create.mutate(
            { quoteId: quote.id, kind },
            {
              onSuccess: (o) => {
                void message.success(t('orders.created', { number: o.number }));
                setOpen(false);
                navigate(`/orders/${o.id}`);
              },
              onError: (err) => void message.error(orderErrorMessage(t, err)),
            },
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('orders.createFromQuoteHint')}</Typography.Paragraph>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} options={ORDER_KINDS.map((k) => ({ value: k, label: t(`orders.kinds.${k}`) }))} />
      </Modal>
    </>
  );
}
