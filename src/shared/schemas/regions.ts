import { z } from 'zod';

/** GB/T 2260 administrative division code: six digits (province 440000, city 440300, district 440305). */
export const DivisionCodeSchema = z.string().regex(/^\d{6}$/, 'A six-digit division code (GB/T 2260)');

export const REGION_LEVELS = ['province', 'city', 'district'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** A name in both interface languages; divisions have no English name in our data, so `en` repeats the Chinese. */
export const RegionNameSchema = z.object({ zh: z.string(), en: z.string() });
export type RegionName = z.infer<typeof RegionNameSchema>;

export const RegionSchema = z.object({
  code: z.string(),
  name: RegionNameSchema,
  level: z.enum(REGION_LEVELS),
  leaf: z.boolean().describe('Has no subdivisions (a district, or a city without districts such as 东莞市)'),
});
export type Region = z.infer<typeof RegionSchema>;

export const RegionListQuerySchema = z.object({
  parent: DivisionCodeSchema.optional().describe('Children of this division; without it, the provinces'),
});
export const RegionListSchema = z.object({ items: z.array(RegionSchema) });

export const RegionPathSchema = RegionSchema.extend({
  path: z.array(RegionSchema).describe('From the province down to this division, itself included'),
});
export type RegionPath = z.infer<typeof RegionPathSchema>;

export const CountrySchema = z.object({ code: z.string().describe('ISO 3166-1 alpha-2'), name: RegionNameSchema });
export type Country = z.infer<typeof CountrySchema>;
export const CountryListSchema = z.object({ items: z.array(CountrySchema) });

/** Display names of a record's stored codes, for lists and detail pages. */
export const RegionNamesSchema = z.object({
  country: RegionNameSchema.nullable(),
  province: RegionNameSchema.nullable(),
  city: RegionNameSchema.nullable(),
  district: RegionNameSchema.nullable(),
});
export type RegionNames = z.infer<typeof RegionNamesSchema>;
