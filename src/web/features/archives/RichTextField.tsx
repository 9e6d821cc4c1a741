import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';

const RichTextEditor = lazy(() => import('./RichTextEditor'));

/**
 * The rich-text editor as a form control, loaded on first use (Tiptap is large). Form.Item hands
 * value/onChange to its direct child, so the Suspense boundary lives inside this component.
 */
export function RichTextField(props: { value?: string; onChange?: (html: string) => void; label: string }) {
  return (
    <Suspense fallback={<Skeleton.Input active block style={{ height: 96 }} />}>
      <RichTextEditor {...props} />
    </Suspense>
  );
}
