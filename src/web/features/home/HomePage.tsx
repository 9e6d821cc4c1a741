import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  DeleteOutlined,
  FieldTimeOutlined,
  InboxOutlined,
  SafetyOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permissions } from '../../../shared/schemas/permissions';
import { formatDateTime } from '../../lib/format';
import { can, canUseRecycleBin } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { roleDisplayName } from '../roles/roleDisplayName';
import { MyTaskCounts } from './MyTaskCounts';

interface Shortcut {
  to: string;
  icon: ReactNode;
  title: string;
  text: ReactNode;
  show: boolean;
}

/** The day's work first (what a rep opens the CRM for), then whatever the user may administer. */
function workShortcuts(t: (key: string) => string, p: Permissions): Shortcut[] {
  return [
    { to: '/tasks', icon: <CheckSquareOutlined />, title: t('nav.tasks'), text: <MyTaskCounts />, show: can(p, 'tasks', 'read') },
    { to: '/calendar', icon: <CalendarOutlined />, title: t('nav.calendar'), text: t('home.calendarHint'), show: can(p, 'tasks', 'read') },
    { to: '/pool', icon: <InboxOutlined />, title: t('pool.nav'), text: t('home.poolHint'), show: can(p, 'organizations', 'read') },
    { to: '/organizations', icon: <BankOutlined />, title: t('nav.organizations'), text: t('home.organizationsHint'), show: can(p, 'organizations', 'read') },
    { to: '/contacts', icon: <ContactsOutlined />, title: t('nav.contacts'), text: t('home.contactsHint'), show: can(p, 'contacts', 'read') },
    { to: '/activities', icon: <FieldTimeOutlined />, title: t('nav.activities'), text: t('home.activitiesHint'), show: can(p, 'activities', 'read') },
  ];
}

/**
 * Administration cards speak of managing (adding people, setting permissions), so they need the right
 * to manage: a rep may read her own team and colleagues, which is no reason to offer her "Users".
 */
function adminShortcuts(t: (key: string) => string, p: Permissions): Shortcut[] {
  const manages = (module: 'users' | 'teams' | 'roles') => can(p, module, 'create') || can(p, module, 'update');
  return [
    { to: '/users', icon: <UserOutlined />, title: t('nav.users'), text: t('home.usersHint'), show: manages('users') },
    { to: '/teams', icon: <TeamOutlined />, title: t('nav.teams'), text: t('home.teamsHint'), show: manages('teams') },
    { to: '/roles', icon: <SafetyOutlined />, title: t('nav.roles'), text: t('home.rolesHint'), show: manages('roles') },
    { to: '/audit-log', icon: <AuditOutlined />, title: t('nav.audit'), text: t('home.auditHint'), show: can(p, 'audit', 'read') },
    { to: '/recycle-bin', icon: <DeleteOutlined />, title: t('nav.recycleBin'), text: t('home.recycleBinHint'), show: canUseRecycleBin(p) },
  ];
}

function ShortcutCards({ title, items }: { title: string; items: Shortcut[] }) {
  const shown = items.filter((s) => s.show);
  if (shown.length === 0) return null;
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 18 }}>
        {title}
      </Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        {shown.map((s) => (
          <Col key={s.to} xs={24} sm={12} lg={8}>
            <Link to={s.to}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta avatar={s.icon} title={s.title} description={s.text} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const p = me.permissions;

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
      <ShortcutCards title={t('home.work')} items={workShortcuts(t, p)} />
      <ShortcutCards title={t('home.administration')} items={adminShortcuts(t, p)} />
    </>
  );
}
