import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from './errorMessage';

/** Shows an API failure as a toast, and on the form's fields when the server named them. */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (form) {
        // Only fields the form has; "phones.0.number" lands on the first phone's number input.
        const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
        const fields = fieldErrors(t, err).filter((f) => known.has(String(f.name[0])));
        if (fields.length > 0) form.setFields(fields);
      }
      void message.error(errorMessage(t, err));
    },
    [message, t],
  );
}
