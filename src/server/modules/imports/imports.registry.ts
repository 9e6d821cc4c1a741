import type { ImportEntity } from '../../../shared/schemas/imports.js';
import { contactImporter } from '../contacts/contacts.import.js';
import { leadImporter } from '../leads/leads.import.js';
import { opportunityImporter } from '../opportunities/opportunities.import.js';
import { organizationImporter } from '../organizations/organizations.import.js';
import { productImporter } from '../products/products.import.js';
import type { Importer } from './import-entities.js';

/** Every importable record type; a module adds its importer here (and its key to IMPORT_ENTITIES). */
export const IMPORTERS: Record<ImportEntity, Importer<any>> = {
  organizations: organizationImporter,
  contacts: contactImporter,
  leads: leadImporter,
  opportunities: opportunityImporter,
  products: productImporter,
};
