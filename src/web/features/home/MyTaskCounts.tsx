import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../shared/schemas/tasks';
import { http, type Page } from '../../lib/api';
import { type TaskQuery, taskKeys } from '../tasks/api';
import { viewQuery } from '../tasks/taskViews';

/** One capped count (a page of one with total=true) under the task list's own key, so task changes refresh it. */
function useTaskCount(query: TaskQuery) {
  return useQuery({
    queryKey: taskKeys.list({ ...query, limit: 1, count: true }),
    queryFn: () => http.get<Page<Task>>('/tasks', { ...query, limit: 1, total: true }),
    select: (page) => page.total ?? 0,
  });
}

/** "3 due today · 1 overdue" for the home page's My tasks card: the same queries as those tabs of My tasks. */
export function MyTaskCounts() {
  const { t } = useTranslation();
  const [today, overdue] = useMemo(() => {
    const now = dayjs();
    return [
      { ...viewQuery('today', now), mine: true },
      { ...viewQuery('overdue', now), mine: true },
    ];
  }, []);
  const dueToday = useTaskCount(today);
  const late = useTaskCount(overdue);
  if (dueToday.data === undefined || late.data === undefined) return <>{t('home.tasksHint')}</>;
  return (
    <Space size={4} wrap>
      <span>{t('home.dueToday', { count: dueToday.data })}</span>
      <span>·</span>
      <Typography.Text type={late.data > 0 ? 'danger' : undefined}>{t('home.overdue', { count: late.data })}</Typography.Text>
    </Space>
  );
}
