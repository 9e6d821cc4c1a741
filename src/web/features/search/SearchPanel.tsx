import { SearchOutlined } from '@ant-design/icons';
import { Empty, Flex, Input, Spin, Typography, theme } from 'antd';
import { type KeyboardEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchItem } from '../../../shared/schemas/search';
import { QueryError } from '../../components/QueryError';
import { RECORD_PATHS, useRecentItems, useSearch } from './api';
import { SearchResults } from './SearchResults';
import { useDebounced } from './useDebounced';

/** Results keep the server's order within a type; the types appear in the order of their best result. */
function grouped(items: SearchItem[]): { type: SearchItem['type']; items: SearchItem[] }[] {
  const groups = new Map<SearchItem['type'], SearchItem[]>();
  for (const item of items) groups.set(item.type, [...(groups.get(item.type) ?? []), item]);
  return [...groups].map(([type, list]) => ({ type, items: list }));
}

/** The search dialog's content: the input, recent records while it is empty, grouped results, keyboard control. */
export function SearchPanel({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const results = useSearch(q);
  const recent = useRecentItems(text.trim() === '');
  const showingRecent = text.trim() === '';
  const source = showingRecent ? recent : results;
  const groups = useMemo(() => grouped(source.data?.items ?? []), [source.data]);
  // Keyboard order is display order: group by group.
  const ordered = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  // The highlight belongs to one list of results: new results start again at the top.
  const [highlight, setHighlight] = useState({ of: ordered, index: 0 });
  const active = highlight.of === ordered ? highlight.index : 0;
  const setActive = (index: number) => setHighlight({ of: ordered, index });

  const open = (item: SearchItem | undefined) => {
    if (!item) return;
    onDone();
    navigate(RECORD_PATHS[item.type](item.id));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (ordered.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + ordered.length) % ordered.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(ordered[active]);
    }
  };

  const waiting = !showingRecent && (q !== text.trim() || results.isFetching);
  const activeId = ordered[active] ? `search-option-${ordered[active].type}-${ordered[active].id}` : undefined;

  return (
    <div>
      <Input
        autoFocus
        size="large"
        variant="borderless"
        prefix={<SearchOutlined style={{ color: token.colorTextTertiary }} />}
        suffix={waiting ? <Spin size="small" /> : null}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        maxLength={100}
        role="combobox"
        aria-expanded={ordered.length > 0}
        aria-controls="global-search-results"
        aria-activedescendant={activeId}
        aria-label={t('search.dialogLabel')}
        style={{ padding: '12px 16px', borderBottom: `1px solid ${token.colorSplit}` }}
      />
      <div style={{ maxHeight: 420, overflowY: 'auto', padding: '8px 0' }}>
        {source.isError ? (
          <div style={{ padding: 16 }}>
            <QueryError error={source.error} onRetry={() => source.refetch()} />
          </div>
        ) : ordered.length > 0 ? (
          <SearchResults
            heading={showingRecent ? t('search.recent') : undefined}
            groups={groups}
            activeKey={activeId}
            onHover={(item) => setActive(ordered.indexOf(item))}
            onOpen={open}
          />
        ) : source.isPending && source.fetchStatus !== 'idle' ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={showingRecent ? t('search.noRecent') : waiting ? t('search.searching') : t('search.noResults', { q })}
          />
        )}
      </div>
      <Flex justify="space-between" style={{ padding: '8px 16px', borderTop: `1px solid ${token.colorSplit}` }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('search.hint')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('search.keys')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
