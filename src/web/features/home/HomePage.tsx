import { AuditOutlined, BankOutlined, ContactsOutlined, DeleteOutlined, SafetyOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { can, canUseRecycleBin } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { roleDisplayName } from '../roles/roleDisplayName';

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const p = me.permissions;

  const shortcuts = [
    {
      to: '/organizations',
      icon: <BankOutlined />,
      title: t('nav.organizations'),
      text: t('home.organizationsHint'),
      show: can(p, 'organizations', 'read'),
    },
    { to: '/contacts', icon: <ContactsOutlined />, title: t('nav.contacts'), text: t('home.contactsHint'), show: can(p, 'contacts', 'read') },
    { to: '/users', icon: <UserOutlined />, title: t('nav.users'), text: t('home.usersHint'), show: can(p, 'users', 'read') },
    { to: '/teams', icon: <TeamOutlined />, title: t('nav.teams'), text: t('home.teamsHint'), show: can(p, 'teams', 'read') },
    { to: '/roles', icon: <SafetyOutlined />, title: t('nav.roles'), text: t('home.rolesHint'), show: can(p, 'roles', 'read') },
    { to: '/audit-log', icon: <AuditOutlined />, title: t('nav.audit'), text: t('home.auditHint'), show: can(p, 'audit', 'read') },
    { to: '/recycle-bin', icon: <DeleteOutlined />, title: t('nav.recycleBin'), text: t('home.recycleBinHint'), show: canUseRecycleBin(p) },
  ].filter((s) => s.show);

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: 22 }}>
        {t('home.welcome', { name: me.user.name })}
      </Typography.Title>
      <Card style={{ marginBottom: 24 }}>
        <Descriptions column={{ xs: 1, md: 2 }} title={t('home.profile')}>
          <Descriptions.Item label={t('home.role')}>{roleDisplayName(t, me.roleName)}</Descriptions.Item>
          <Descriptions.Item label={t('home.team')}>{me.teamName ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('home.email')}>{me.user.email}</Descriptions.Item>
          <Descriptions.Item label={t('home.lastLogin')}>{formatDateTime(me.user.lastLoginAt) || t('common.never')}</Descriptions.Item>
        </Descriptions>
      </Card>
      {shortcuts.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 18 }}>
            {t('home.shortcuts')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {shortcuts.map((s) => (
              <Col key={s.to} xs={24} sm={12} lg={8}>
                <Link to={s.to}>
                  <Card hoverable>
                    <Card.Meta avatar={s.icon} title={s.title} description={s.text} />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}
