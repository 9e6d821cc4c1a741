import { AimOutlined, ContactsOutlined, FileTextOutlined, FundOutlined, IdcardOutlined, ShopOutlined } from '@ant-design/icons';
import { Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchItem, SearchType } from '../../../shared/schemas/search';

const ICONS: Record<SearchType, ReactNode> = {
  organizations: <ShopOutlined />,
  contacts: <ContactsOutlined />,
  leads: <AimOutlined />,
  opportunities: <FundOutlined />,
  quotes: <FileTextOutlined />,
  expansion_cards: <IdcardOutlined />,
};

interface Props {
  heading?: string;
  groups: { type: SearchType; items: SearchItem[] }[];
  activeKey: string | undefined;
  onHover(item: SearchItem): void;
  onOpen(item: SearchItem): void;
}

/** The listbox of results, one labelled group per record type. */
export function SearchResults({ heading, groups, activeKey, onHover, onOpen }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div id="global-search-results" role="listbox" aria-label={heading ?? t('search.results')}>
      {heading && (
        <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 16px', fontSize: 12 }}>
          {heading}
        </Typography.Text>
      )}
      {groups.map((group) => (
        // biome-ignore lint/a11y/useSemanticElements: WAI-ARIA groups options of a listbox with role=group; a fieldset is for form controls.
        <div key={group.type} role="group" aria-label={t(`search.types.${group.type}`)}>
          {!heading && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 16px 4px', fontSize: 12 }}>
              {t(`search.types.${group.type}`)}
            </Typography.Text>
          )}
          {group.items.map((item) => {
            const key = `search-option-${item.type}-${item.id}`;
            const active = key === activeKey;
            return (
              <div
                key={key}
                id={key}
                role="option"
                aria-selected={active}
                tabIndex={-1}
                onMouseEnter={() => onHover(item)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onOpen(item)}
                onKeyDown={() => undefined}
                style={{
                  display: 'flex',
                  gap: 12,
                  alignItems: 'center',
                  padding: '8px 16px',
                  cursor: 'pointer',
                  background: active ? token.controlItemBgActive : undefined,
                }}
              >
                <span style={{ color: token.colorTextTertiary }}>{ICONS[item.type]}</span>
                <span style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Text ellipsis style={{ display: 'block' }}>
                    {item.title}
                  </Typography.Text>
                  {item.subtitle && (
                    <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                      {item.subtitle}
                    </Typography.Text>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
