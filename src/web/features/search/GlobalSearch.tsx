import { SearchOutlined } from '@ant-design/icons';
import { Button, Modal, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchPanel } from './SearchPanel';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The search box of the header: a button that opens the search dialog, also on Ctrl+K / ⌘K from anywhere. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        // Browsers bind Ctrl+K to their own search bar.
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        icon={<SearchOutlined />}
        aria-label={t('search.open')}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        data-testid="global-search"
        style={{ marginInlineEnd: 'auto', width: 280, justifyContent: 'flex-start', color: token.colorTextTertiary }}
      >
        <span style={{ flex: 1, textAlign: 'start' }}>{t('search.trigger')}</span>
        <Typography.Text keyboard type="secondary" style={{ fontSize: 12 }}>
          {isMac ? '⌘K' : 'Ctrl K'}
        </Typography.Text>
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        closable={false}
        destroyOnHidden
        width={640}
        style={{ top: 80 }}
        styles={{ body: { padding: 0 } }}
        title={null}
        aria-label={t('search.dialogLabel')}
      >
        <SearchPanel onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
