import { Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { formatDateTime } from '../../lib/format';

dayjs.extend(relativeTime);

/** "3 hours ago · 2025-06-01 10:00": how long ago at a glance, the exact time beside it. */
export function When({ at, until }: { at: string; until?: string | null }) {
  const end = until ? (dayjs(until).isSame(at, 'day') ? dayjs(until).format('HH:mm') : formatDateTime(until)) : null;
  return (
    <Typography.Text type="secondary">
      <Tooltip title={dayjs(at).format('YYYY-MM-DD dddd HH:mm')}>
        <span>{dayjs(at).fromNow()}</span>
      </Tooltip>
      {' · '}
      <time dateTime={at}>{formatDateTime(at)}</time>
      {end && ` – ${end}`}
    </Typography.Text>
  );
}
