import { Calendar, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CalendarItem } from '../../../shared/schemas/calendar';
import { CalendarItemChip } from './CalendarItemChip';
import { dayKey, isAllDay } from './calendarRange';

const SHOWN_PER_DAY = 3;

interface Props {
  date: Dayjs;
  byDay: Map<string, CalendarItem[]>;
  onOpen: (item: CalendarItem) => void;
  onPickDay: (day: Dayjs) => void;
  onShowDay: (day: Dayjs) => void;
}

/** The month grid (antd Calendar with our own toolbar): a few items per day, "+n more" opens the day; clicking a day's free space creates a task there. */
export function MonthView({ date, byDay, onOpen, onPickDay, onShowDay }: Props) {
  const { t } = useTranslation();
  return (
    <Calendar
      value={date}
      headerRender={() => null}
      onSelect={(day, info) => {
        if (info.source === 'date') onPickDay(day);
      }}
      cellRender={(current, info) => {
        if (info.type !== 'date') return info.originNode;
        const items = byDay.get(dayKey(current)) ?? [];
        const more = items.length - SHOWN_PER_DAY;
        return (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid={`calendar-day-${dayKey(current)}`}>
            {items.slice(0, SHOWN_PER_DAY).map((item) => (
              <CalendarItemChip
                key={`${item.type}:${item.id}`}
                item={item}
                time={isAllDay(item) ? undefined : dayjs(item.startsAt).format('HH:mm')}
                onOpen={onOpen}
              />
            ))}
            {more > 0 && (
              <Typography.Link
                style={{ fontSize: 12 }}
                onClick={(e) => {
                  e.stopPropagation();
                  onShowDay(current);
                }}
              >
                {t('calendar.more', { count: more })}
              </Typography.Link>
            )}
          </div>
        );
      }}
    />
  );
}
