import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { useShowError } from '../../lib/useShowError';

/**
 * Like useShowError, for the error codes of the products and quotes modules: their texts live in the
 * module's namespace (`quotes.errors.<code>`), other codes go to the shared handler.
 */
export function useModuleError(ns: 'quotes' | 'products') {
  const { message } = App.useApp();
  const { t, i18n } = useTranslation();
  const showError = useShowError();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      const key = err instanceof ApiError ? `${ns}.errors.${err.code}` : '';
      if (!key || !i18n.exists(key)) return showError(err, form);
      const text = t(key);
      if (form && err instanceof ApiError && err.fields) {
        const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
        form.setFields(
          Object.keys(err.fields)
            .filter((f) => known.has(f.split('.')[0]))
            .map((f) => ({ name: f.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [text] })),
        );
      }
      void message.error(text);
    },
    [i18n, message, ns, showError, t],
  );
}
