import { Input, type InputProps } from 'antd';
import { useEffect, useRef, useState } from 'react';

interface Props extends Omit<InputProps, 'value' | 'onChange'> {
  value: string | undefined;
  onSearch: (value: string | undefined) => void;
}

/** Searches 300 ms after typing stops, or at once on Enter; a plain text box (no search icon: its aria-label would compete with the field's label). */
export function SearchInput({ value, onSearch, ...props }: Props) {
  const [text, setText] = useState(value ?? '');
  const search = useRef(onSearch);
  search.current = onSearch;
  useEffect(() => setText(value ?? ''), [value]);

  useEffect(() => {
    const next = text.trim() || undefined;
    if (next === (value || undefined)) return;
    const timer = setTimeout(() => search.current(next), 300);
    return () => clearTimeout(timer);
  }, [text, value]);

  return <Input allowClear value={text} onChange={(e) => setText(e.target.value)} onPressEnter={() => search.current(text.trim() || undefined)} {...props} />;
}
