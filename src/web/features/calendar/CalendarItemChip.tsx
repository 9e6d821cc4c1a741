import { CheckSquareOutlined } from '@ant-design/icons';
import { theme } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarItem } from '../../../shared/schemas/calendar';
import { KIND_ICONS, kindLabel } from '../activities/activityKinds';
import { priorityLabel } from '../tasks/taskLabels';

const PRIORITY_BORDER: Record<string, string> = { low: '#bfbfbf', normal: '#1677ff', high: '#fa8c16', urgent: '#f5222d' };
const KIND_BORDER: Record<string, string> = { meeting: '#722ed1', visit: '#52c41a', call: '#1677ff', email: '#13c2c2', note: '#8c8c8c' };

interface Props {
  item: CalendarItem;
  /** e.g. "09:30"; all-day tasks have none. */
  time?: string;
  onOpen: (item: CalendarItem) => void;
  style?: CSSProperties;
  /** In the time grid a tall item shows its whole title on several lines. */
  wrap?: boolean;
}

/** One task or meeting on the calendar: a button naming what it is, coloured by priority or kind. */
export function CalendarItemChip({ item, time, onOpen, style, wrap = false }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const done = item.type === 'task' && (item.status === 'done' || item.status === 'cancelled');
  const what = item.type === 'task' ? `${t('calendar.task')} · ${priorityLabel(t, item.priority)}` : kindLabel(t, item.kind);
  const label = [time, item.title, item.type === 'activity' ? item.organizationName : null].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      title={`${what}: ${label}`}
      aria-label={`${what}: ${label}`}
      data-testid={`calendar-item-${item.type}`}
      data-id={item.id}
      onClick={(e) => {
        // The day cell underneath would otherwise take the click as "new task on this day".
        e.stopPropagation();
        onOpen(item);
      }}
      style={{
        all: 'unset',
        boxSizing: 'border-box',
        display: 'flex',
        flexWrap: wrap ? 'wrap' : 'nowrap',
        alignContent: 'flex-start',
        columnGap: 4,
        alignItems: 'center',
        width: '100%',
        overflow: 'hidden',
        cursor: 'pointer',
        fontSize: 12,
        lineHeight: '18px',
        padding: '1px 4px',
        borderRadius: 4,
        borderInlineStart: `3px solid ${item.type === 'task' ? PRIORITY_BORDER[item.priority] : (KIND_BORDER[item.kind] ?? token.colorPrimary)}`,
        background: item.type === 'task' ? token.colorFillTertiary : token.colorPrimaryBg,
        color: done ? token.colorTextTertiary : token.colorText,
        textDecoration: done ? 'line-through' : undefined,
        ...style,
      }}
    >
      <span aria-hidden style={{ flex: 'none' }}>
        {item.type === 'task' ? <CheckSquareOutlined /> : KIND_ICONS[item.kind]}
      </span>
      {time && <span style={{ flex: 'none', color: token.colorTextSecondary }}>{time}</span>}
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: wrap ? 'normal' : 'nowrap', wordBreak: wrap ? 'break-word' : undefined }}>
        {item.title}
      </span>
    </button>
  );
}
