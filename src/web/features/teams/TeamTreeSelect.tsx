import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllTeams } from './api';
import { buildTeamTree, teamTreeOptions } from './teamTree';

type Props = Omit<TreeSelectProps<string | null>, 'treeData'> & { disabledIds?: Set<string> };

/** Pick a team from the hierarchy; passes id/value/onChange through so it works inside Form.Item. */
export function TeamTreeSelect({ disabledIds, ...props }: Props) {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const treeData = useMemo(() => teamTreeOptions(buildTeamTree(teams.data ?? []), disabledIds), [teams.data, disabledIds]);
  return (
    <TreeSelect<string | null>
      treeData={treeData}
      loading={teams.isLoading}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder={t('teams.choose')}
      notFoundContent={t('common.noData')}
      {...props}
    />
  );
}
