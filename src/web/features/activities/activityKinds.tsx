import { CarOutlined, FileTextOutlined, MailOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../shared/schemas/activities';

export const KIND_ICONS: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  meeting: <TeamOutlined />,
  visit: <CarOutlined />,
  email: <MailOutlined />,
  note: <FileTextOutlined />,
};

export const KIND_COLORS: Record<ActivityKind, string> = { call: 'blue', meeting: 'purple', visit: 'green', email: 'cyan', note: 'gray' };

/** A kind the server may add later shows as sent rather than as a missing key. */
export const kindLabel = (t: TFunction, kind: string) => t(`activities.kinds.${kind}`, { defaultValue: kind });

export const kindOptions = (t: TFunction) => ACTIVITY_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }));
