import { theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarItem } from '../../../shared/schemas/calendar';
import { CalendarItemChip } from './CalendarItemChip';
import { assignLanes, dayKey, isAllDay, minutesOf } from './calendarRange';

const HOUR_PX = 44;
const GUTTER_PX = 56;
/** Where the grid opens scrolled to: the working day, not midnight. */
const FIRST_HOUR_SHOWN = 7;
/** An item this tall has room for its title under its time. */
const TWO_LINES_PX = 38;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

interface Props {
  days: Dayjs[];
  byDay: Map<string, CalendarItem[]>;
  onOpen: (item: CalendarItem) => void;
  /** A click on free space: the hour clicked, or the day's all-day row (`allDay`). */
  onPick: (at: Dayjs, allDay: boolean) => void;
}

/** The week and day views: an all-day row, then 24 hours with items placed by start and length, overlapping ones side by side. */
export function TimeGrid({ days, byDay, onOpen, onPick }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const scroller = useRef<HTMLDivElement>(null);
  const today = dayKey(dayjs());
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = FIRST_HOUR_SHOWN * HOUR_PX - 8;
  }, []);
  const border = `1px solid ${token.colorBorderSecondary}`;
  const columns = `${GUTTER_PX}px repeat(${days.length}, minmax(0, 1fr))`;

  return (
    <div style={{ border, borderRadius: token.borderRadiusLG, background: token.colorBgContainer, overflow: 'hidden' }} data-testid="calendar-grid">
      <div style={{ display: 'grid', gridTemplateColumns: columns, borderBottom: border }}>
        <div />
        {days.map((d) => (
          <div
            key={dayKey(d)}
            style={{
              padding: '6px 8px',
              borderInlineStart: border,
              fontWeight: dayKey(d) === today ? 600 : undefined,
              color: dayKey(d) === today ? token.colorPrimary : undefined,
            }}
          >
            {d.format(t('calendar.formats.dayHeader'))}
          </div>
        ))}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: columns, borderBottom: border, minHeight: 32 }}>
        <div style={{ fontSize: 12, color: token.colorTextSecondary, padding: '6px 4px', textAlign: 'end' }}>{t('calendar.allDay')}</div>
        {days.map((d) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the "New task" button is the keyboard way to create; this is a mouse shortcut.
          // biome-ignore lint/a11y/noStaticElementInteractions: as above.
          <div
            key={dayKey(d)}
            onClick={() => onPick(d, true)}
            style={{ borderInlineStart: border, padding: 2, display: 'flex', flexDirection: 'column', gap: 2, cursor: 'copy' }}
          >
            {(byDay.get(dayKey(d)) ?? []).filter(isAllDay).map((item) => (
              <CalendarItemChip key={`${item.type}:${item.id}`} item={item} onOpen={onOpen} />
            ))}
          </div>
        ))}
      </div>
      <div ref={scroller} style={{ maxHeight: 'calc(100vh - 330px)', minHeight: 320, overflowY: 'auto' }}>
        <div style={{ display: 'grid', gridTemplateColumns: columns, position: 'relative' }}>
          <div>
            {HOURS.map((h) => (
              <div
                key={h}
                style={{ height: HOUR_PX, fontSize: 12, color: token.colorTextSecondary, textAlign: 'end', padding: '0 6px', transform: 'translateY(-7px)' }}
              >
                {h === 0 ? '' : `${String(h).padStart(2, '0')}:00`}
              </div>
            ))}
          </div>
          {days.map((d) => (
            <DayColumn
              key={dayKey(d)}
              day={d}
              items={(byDay.get(dayKey(d)) ?? []).filter((i) => !isAllDay(i))}
              onOpen={onOpen}
              onPick={onPick}
              border={border}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

function DayColumn({
  day,
  items,
  onOpen,
  onPick,
  border,
}: {
  day: Dayjs;
  items: CalendarItem[];
  onOpen: Props['onOpen'];
  onPick: Props['onPick'];
  border: string;
}) {
  const placed = assignLanes(items.map((item) => ({ item, ...minutesOf(item, day, dayjs) })));
  return (
    <div style={{ position: 'relative', borderInlineStart: border }} data-testid={`calendar-column-${dayKey(day)}`}>
      {HOURS.map((h) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the "New task" button is the keyboard way to create; this is a mouse shortcut.
        // biome-ignore lint/a11y/noStaticElementInteractions: as above.
        <div key={h} onClick={() => onPick(day.hour(h), false)} style={{ height: HOUR_PX, borderTop: h === 0 ? undefined : border, cursor: 'copy' }} />
      ))}
      {placed.map(({ item, start, end, lane, lanes }) => {
        const height = Math.max(20, ((end - start) / 60) * HOUR_PX - 2);
        return (
          <CalendarItemChip
            key={`${item.type}:${item.id}`}
            item={item}
            time={dayjs(item.startsAt).format('HH:mm')}
            onOpen={onOpen}
            wrap={height >= TWO_LINES_PX}
            style={{
              position: 'absolute',
              top: (start / 60) * HOUR_PX + 1,
              height,
              insetInlineStart: `calc(${(lane / lanes) * 100}% + 2px)`,
              width: `calc(${100 / lanes}% - 4px)`,
              alignItems: 'flex-start',
            }}
          />
        );
      })}
    </div>
  );
}
