import { BoldOutlined, ItalicOutlined, OrderedListOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Button, Flex, Tooltip, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  /** Accessible name of the editing area. */
  label: string;
}

/**
 * Rich text for archive fields (Tiptap). The server sanitises whatever arrives, so the editor only
 * offers what the sanitiser keeps: paragraphs, headings, emphasis, lists, quotes and links.
 */
export function RichTextEditor({ value, onChange, label }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } })],
    content: value ?? '',
    editorProps: { attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', style: 'min-height: 64px; outline: none' } },
    onUpdate: ({ editor: e }) => onChange?.(e.isEmpty ? '' : e.getHTML()),
    immediatelyRender: true,
  });
  // A value set from outside (loaded, reset after a conflict) replaces the text; typing does not loop back.
  useEffect(() => {
    if (editor && value !== undefined && value !== (editor.isEmpty ? '' : editor.getHTML())) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  const tool = (key: string, icon: React.ReactNode, active: boolean, run: () => void) => (
    <Tooltip title={t(`archives.editor.${key}`)}>
      <Button size="small" type={active ? 'primary' : 'text'} icon={icon} aria-label={t(`archives.editor.${key}`)} aria-pressed={active} onClick={run} />
    </Tooltip>
  );
  return (
    <div style={{ border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius, background: token.colorBgContainer }}>
      <Flex gap={2} style={{ padding: 4, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        {tool('bold', <BoldOutlined />, !!editor?.isActive('bold'), () => editor?.chain().focus().toggleBold().run())}
        {tool('italic', <ItalicOutlined />, !!editor?.isActive('italic'), () => editor?.chain().focus().toggleItalic().run())}
        {tool('bulletList', <UnorderedListOutlined />, !!editor?.isActive('bulletList'), () => editor?.chain().focus().toggleBulletList().run())}
        {tool('orderedList', <OrderedListOutlined />, !!editor?.isActive('orderedList'), () => editor?.chain().focus().toggleOrderedList().run())}
      </Flex>
      <EditorContent editor={editor} style={{ padding: '4px 11px', minHeight: 72 }} />
    </div>
  );
}

export default RichTextEditor;
