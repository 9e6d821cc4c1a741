import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CalendarItem } from '../../../shared/schemas/calendar';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { can } from '../../lib/permissions';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { TaskDrawer, type TaskDrawerState } from '../tasks/TaskDrawer';
import { useCalendar } from './api';
import { CALENDAR_VIEWS, type CalendarView, daysOf, groupByDay, isCalendarView, rangeOf } from './calendarRange';
import { FeedButton } from './FeedButton';
import { MonthView } from './MonthView';
import { TimeGrid } from './TimeGrid';

const FILTERS = ['view', 'date'] as const;
/** A new task on a clicked day is due at the start of the working day unless an hour was clicked. */
const DEFAULT_HOUR = 9;

/** Tasks by due time and meetings/visits (日程) by month, week or day; the view and date live in the URL. */
export function CalendarPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { permissions } = useCurrentUser();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const view: CalendarView = isCalendarView(filters.view) ? filters.view : 'month';
  const date = useMemo(() => {
    const parsed = filters.date ? dayjs(filters.date) : null;
    return parsed?.isValid() ? parsed : dayjs().startOf('day');
  }, [filters.date]);
  const { from, to } = rangeOf(view, date);
  const calendar = useCalendar(from.toISOString(), to.toISOString());
  const byDay = useMemo(() => groupByDay(calendar.data?.items ?? [], dayjs), [calendar.data]);
  const [drawer, setDrawer] = useState<TaskDrawerState>({ mode: 'closed' });
  const mayCreate = can(permissions, 'tasks', 'create');

  const go = (patch: { view?: CalendarView; date?: Dayjs }) =>
    setFilters({
      view: (patch.view ?? view) === 'month' ? undefined : (patch.view ?? view),
      date: patch.date ? patch.date.format('YYYY-MM-DD') : filters.date,
    });
  const step = (n: number) => go({ date: date.add(n, view) });

  const openItem = (item: CalendarItem) => {
    if (item.type === 'task') setDrawer({ mode: 'edit', id: item.id });
    else if (item.organizationId && can(permissions, 'organizations', 'read')) navigate(`/organizations/${item.organizationId}`);
    else {
      const start = dayjs(item.startsAt).startOf('day');
      navigate(`/activities?from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(start.add(1, 'day').toISOString())}`);
    }
  };
  const newTask = (at: Dayjs, allDay: boolean) => {
    if (mayCreate) setDrawer({ mode: 'new', defaults: { due: allDay ? at.hour(DEFAULT_HOUR) : at, allDay } });
  };

  const title =
    view === 'month'
      ? date.format(t('calendar.formats.month'))
      : view === 'week'
        ? `${from.format(t('calendar.formats.day'))} – ${to.subtract(1, 'day').format(t('calendar.formats.day'))}`
        : date.format(t('calendar.formats.dayLong'));

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.description')}
        extra={
          <>
            <FeedButton />
            {mayCreate && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => newTask(view === 'month' ? dayjs().startOf('day') : date, view === 'month')}
                data-testid="calendar-new-task"
              >
                {t('tasks.create')}
              </Button>
            )}
          </>
        }
      />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button onClick={() => go({ date: dayjs().startOf('day') })} data-testid="calendar-today">
            {t('calendar.today')}
          </Button>
          <Button icon={<LeftOutlined />} aria-label={t('calendar.previous')} onClick={() => step(-1)} data-testid="calendar-prev" />
          <Button icon={<RightOutlined />} aria-label={t('calendar.next')} onClick={() => step(1)} data-testid="calendar-next" />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="calendar-title">
            {title}
          </Typography.Title>
          {calendar.isFetching && <Spin size="small" />}
        </Space>
        <Segmented<CalendarView>
          aria-label={t('calendar.view')}
          value={view}
          onChange={(v) => go({ view: v })}
          options={CALENDAR_VIEWS.map((v) => ({ value: v, label: <span data-testid={`calendar-view-${v}`}>{t(`calendar.views.${v}`)}</span> }))}
        />
      </Flex>
      {calendar.isError ? (
        <QueryError error={calendar.error} onRetry={() => calendar.refetch()} />
      ) : view === 'month' ? (
        <MonthView date={date} byDay={byDay} onOpen={openItem} onPickDay={(day) => newTask(day, true)} onShowDay={(day) => go({ view: 'day', date: day })} />
      ) : (
        <TimeGrid days={daysOf(view, date)} byDay={byDay} onOpen={openItem} onPick={newTask} />
      )}
      <TaskDrawer state={drawer} onClose={() => setDrawer({ mode: 'closed' })} />
    </>
  );
}
