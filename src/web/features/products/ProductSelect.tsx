import { useTranslation } from 'react-i18next';
import { RecordSelect, type RecordSelectProps, type RecordSelectSource } from '../../components/RecordSelect';
import { fetchProduct, productKeys } from './api';

const SOURCE: RecordSelectSource = { path: '/products', keyPrefix: productKeys.all, detailKey: productKeys.detail, fetchOne: fetchProduct };

/** Searches products (name or SKU) on the server as the user types. */
export function ProductSelect(props: RecordSelectProps) {
  const { t } = useTranslation();
  return <RecordSelect source={SOURCE} placeholder={t('products.choose')} {...props} />;
}
