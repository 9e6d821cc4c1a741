import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  shown: number;
  total?: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** Keyset pagination can only go forward, so lists grow with "Load more" instead of page numbers. */
export function LoadMore({ shown, total, hasMore, loading, onLoadMore }: Props) {
  const { t } = useTranslation();
  if (shown === 0 && !hasMore) return null;
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{total === undefined ? t('list.shown', { shown }) : t('list.shownOfTotal', { shown, total })}</Typography.Text>
      {hasMore && (
        <Button onClick={onLoadMore} loading={loading}>
          {t('list.loadMore')}
        </Button>
      )}
    </Flex>
  );
}
