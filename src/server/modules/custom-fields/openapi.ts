import { CUSTOM_FIELD_ENTITIES, type CustomField, type CustomFieldEntity, type SelectOption } from '../../../shared/schemas/custom-fields.js';
import type { Db } from '../../db/connection.js';
import { presentField } from './custom-fields.presenter.js';
import { customFieldsRepository as repo } from './custom-fields.repository.js';

/**
 * The OpenAPI document with the live custom fields: every `custom` property marked
 * `x-custom-fields: <entity>` (see customValuesOf) becomes an object listing that record type's
 * fields with their JSON types, formats and select options. Request bodies of POST also list the
 * required fields. The static document is generated once; this works on a copy per request.
 */
type Json = Record<string, unknown>;

const MARK = 'x-custom-fields';
const nullable = (schema: Json): Json => ({ anyOf: [schema, { type: 'null' }] });
const options = (o: SelectOption[]) => o.map((x) => x.value);

function valueSchema(f: CustomField): Json {
  const description = [f.label.en, f.label['zh-CN']].filter(Boolean).join(' / ');
  const base = { description: `${description} (${f.type})` };
  switch (f.type) {
    case 'number':
      return { ...base, ...nullable({ type: 'number' }) };
    case 'money':
      return { ...base, ...nullable({ type: 'number', multipleOf: 0.01 }) };
    case 'boolean':
      return { ...base, ...nullable({ type: 'boolean' }) };
    case 'date':
      return { ...base, ...nullable({ type: 'string', format: 'date' }) };
    case 'url':
      return { ...base, ...nullable({ type: 'string', format: 'uri', maxLength: 800 }) };
    case 'user':
      return { ...base, ...nullable({ type: 'string', format: 'uuid', description: 'A user id' }) };
    case 'select':
      return { ...base, ...nullable({ type: 'string', enum: options(f.options) }) };
    case 'multiSelect':
      return { ...base, ...nullable({ type: 'array', items: { type: 'string', enum: options(f.options) }, uniqueItems: true }) };
    case 'longText':
      return { ...base, ...nullable({ type: 'string', maxLength: 10_000 }) };
    default:
      return { ...base, ...nullable({ type: 'string', maxLength: 500 }) };
  }
}

function customSchema(entity: CustomFieldEntity, fields: CustomField[], creating: boolean): Json {
  const own = fields.filter((f) => f.entity === entity);
  const required = creating ? own.filter((f) => f.required).map((f) => f.key) : [];
  return {
    type: 'object',
    description: `Custom field values by key (GET /api/custom-fields?entity=${entity}); null clears a value.`,
    properties: Object.fromEntries(own.map((f) => [f.key, valueSchema(f)])),
    additionalProperties: false,
    ...(required.length > 0 && { required }),
  };
}

/** Replaces marked `custom` schemas anywhere below `node`. */
function replaceMarked(node: unknown, fields: CustomField[], creating: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) replaceMarked(item, fields, creating);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  const props = obj.properties as Json | undefined;
  const custom = props?.custom as Json | undefined;
  if (props && custom && typeof custom[MARK] === 'string') props.custom = customSchema(custom[MARK] as CustomFieldEntity, fields, creating);
  for (const value of Object.values(obj)) replaceMarked(value, fields, creating);
}

export async function withCustomFields<T>(doc: T, db: Db): Promise<T> {
  const copy = structuredClone(doc) as Json;
  const live = await repo.liveFields(db, [...CUSTOM_FIELD_ENTITIES]);
  const fields = live.map((r) => presentField(r));
  for (const operations of Object.values((copy.paths ?? {}) as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const op = operation as Json;
      replaceMarked(op.requestBody, fields, method === 'post');
      replaceMarked(op.responses, fields, false);
      replaceMarked(op.parameters, fields, false);
    }
  }
  replaceMarked(copy.components, fields, false);
  return copy as T;
}
