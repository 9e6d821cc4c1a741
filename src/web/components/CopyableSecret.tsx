import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Input, type InputRef, Space } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A read-only field with a Copy button; falls back to selecting the text where the clipboard API is unavailable (plain http). */
export function CopyableSecret({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<InputRef>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      void message.success(t('common.copied'));
    } catch {
      input.current?.select();
      const ok = document.execCommand('copy');
      void (ok ? message.success(t('common.copied')) : message.info(t('common.copyManually')));
    }
  };

  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input ref={input} readOnly value={value} aria-label={label} onFocus={(e) => e.target.select()} style={{ fontFamily: 'monospace' }} />
      <Button icon={<CopyOutlined />} onClick={copy}>
        {t('common.copy')}
      </Button>
    </Space.Compact>
  );
}
