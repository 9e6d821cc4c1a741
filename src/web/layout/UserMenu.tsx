import { CheckOutlined, DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser, useLogout, useUpdateMe } from '../features/auth/api';
import { roleDisplayName } from '../features/roles/roleDisplayName';
import { LANGUAGES, type Language, languageName } from '../i18n';
import { useShowError } from '../lib/useShowError';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const logout = useLogout();
  const updateMe = useUpdateMe();
  const showError = useShowError();
  const roleName = roleDisplayName(t, me.roleName);

  const switchLanguage = (lng: Language) => {
    // Switch at once; saving it on the user makes the next sign-in (on any device) use it too.
    void i18n.changeLanguage(lng);
    updateMe.mutate({ locale: lng }, { onError: (err) => showError(err) });
  };

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{me.user.name}</Typography.Text>
          <Typography.Text type="secondary">{roleName}</Typography.Text>
        </Space>
      ),
    },
    { type: 'divider' },
    {
      key: 'language',
      type: 'group',
      label: t('nav.language'),
      children: LANGUAGES.map((lng) => ({
        key: `lang:${lng}`,
        label: languageName(t, lng),
        icon: i18n.language === lng ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
      })),
    },
    { type: 'divider' },
    { key: 'tokens', icon: <KeyOutlined />, label: t('nav.apiTokens') },
    { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key.startsWith('lang:')) switchLanguage(key.slice(5) as Language);
    else if (key === 'tokens') navigate('/account/tokens');
    else if (key === 'account') navigate('/account/password');
    else if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button type="text" aria-label={t('nav.userMenu')} style={{ height: 'auto', padding: '4px 8px' }}>
        <Space>
          <Avatar size="small" icon={<UserOutlined />} />
          <span>{me.user.name}</span>
          <Typography.Text type="secondary" className="gx-hide-narrow">
            {roleName}
          </Typography.Text>
          <DownOutlined />
        </Space>
      </Button>
    </Dropdown>
  );
}
