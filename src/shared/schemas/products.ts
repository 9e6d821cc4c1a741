import { z } from 'zod';
import { CurrencySchema, MoneySchema, NonNegativeMoneySchema, PercentSchema } from '../money.js';
import { BooleanQuery, IdSchema, ListQueryBase, pageSchema, TimestampSchema, VersionSchema } from './common.js';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const SkuSchema = text(64)
  .min(1, 'Required')
  .regex(/^[\p{L}\p{N}._\-/]+$/u, 'Letters, digits and . _ - / only')
  .describe('Stock keeping unit, unique among live products, e.g. "GX-100"');

const ProductFields = {
  sku: SkuSchema,
  name: text(200).min(1, 'Required'),
  unit: text(20).min(1, 'Required').describe('Unit of sale, e.g. "件", "台", "hour"'),
  category: optionalText(100),
  description: optionalText(5000),
  active: z.boolean().optional().describe('Inactive products stay on old quotes but are not offered for new lines'),
};

export const ProductCreateSchema = z.object(ProductFields);
export type ProductCreate = z.infer<typeof ProductCreateSchema>;
export const ProductUpdateSchema = ProductCreateSchema.partial().extend({ version: VersionSchema });
export type ProductUpdate = z.infer<typeof ProductUpdateSchema>;

export const ProductSchema = z.object({
  id: IdSchema,
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  category: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Product = z.infer<typeof ProductSchema>;

export const PRODUCT_SORTS = ['name', 'sku', 'createdAt', 'updatedAt'] as const;
export const ProductListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the name or the SKU'),
  category: z.string().trim().max(100).optional(),
  active: BooleanQuery.optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuerySchema>;
export const ProductPageSchema = pageSchema(ProductSchema);

export const PriceListItemInputSchema = z.object({
  productId: IdSchema,
  unitPrice: NonNegativeMoneySchema.describe('Unit price in the list currency, e.g. "199.00"'),
});

const PriceListFields = {
  name: text(200).min(1, 'Required'),
  currency: CurrencySchema,
  taxRate: PercentSchema.describe('Default tax rate of quote lines priced from this list, e.g. "13"'),
  isDefault: z.boolean().optional().describe('The list new quotes start from (one per currency)'),
  active: z.boolean().optional(),
};

export const PriceListCreateSchema = z.object({
  ...PriceListFields,
  items: z.array(PriceListItemInputSchema).max(5000).optional().describe('Product prices; on update, the whole set replaces the old one'),
});
export type PriceListCreate = z.infer<typeof PriceListCreateSchema>;
export const PriceListUpdateSchema = PriceListCreateSchema.partial().extend({ version: VersionSchema });
export type PriceListUpdate = z.infer<typeof PriceListUpdateSchema>;

export const PriceListItemSchema = z.object({
  productId: IdSchema,
  sku: z.string(),
  productName: z.string(),
  unit: z.string(),
  productActive: z.boolean(),
  unitPrice: MoneySchema,
});
export type PriceListItem = z.infer<typeof PriceListItemSchema>;

export const PriceListSchema = z.object({
  id: IdSchema,
  name: z.string(),
  currency: CurrencySchema,
  taxRate: z.string().describe('Percent, e.g. "13"'),
  isDefault: z.boolean(),
  active: z.boolean(),
  itemCount: z.number().int(),
  items: z.array(PriceListItemSchema).optional().describe('Only when reading one price list'),
  createdBy: IdSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type PriceList = z.infer<typeof PriceListSchema>;

export const PriceListListQuerySchema = ListQueryBase.extend({
  q: z.string().trim().max(100).optional().describe('Matches the name'),
  currency: CurrencySchema.optional(),
  active: BooleanQuery.optional(),
});
export type PriceListListQuery = z.infer<typeof PriceListListQuerySchema>;
export const PriceListPageSchema = pageSchema(PriceListSchema);
