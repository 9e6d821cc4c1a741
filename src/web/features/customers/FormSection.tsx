import { Typography } from 'antd';

/** A heading that groups the fields of a long form drawer. */
export function FormSection({ title }: { title: string }) {
  return (
    <Typography.Title level={5} style={{ margin: '8px 0 12px' }}>
      {title}
    </Typography.Title>
  );
}
