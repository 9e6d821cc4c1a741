import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  shown: number;
  total?: number;
  /** The count stopped at its cap: "10,000+". */
  capped?: boolean;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** "Showing 50 of 10,000+" and "Load more": keyset pages only go forward. */
export function ListFooter({ shown, total, capped, hasMore, loading, onLoadMore }: Props) {
  const { t, i18n } = useTranslation();
  if (shown === 0 && !hasMore) return null;
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const totalText = total === undefined ? undefined : capped ? t('listView.totalCapped', { total: number(total) }) : number(total);
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
      <Typography.Text type="secondary" aria-live="polite">
        {totalText === undefined ? t('list.shown', { shown: number(shown) }) : t('list.shownOfTotal', { shown: number(shown), total: totalText })}
      </Typography.Text>
      {hasMore && (
        <Button onClick={onLoadMore} loading={loading}>
          {t('list.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
