import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { companySettingsService } from './company-settings.service.js';
import { chinaToday } from './quote-dates.js';
import { type PdfLang, renderQuotePdf } from './quote-pdf.js';
import { effectiveStatus } from './quotes.presenter.js';
import { quotesRepository as repo } from './quotes.repository.js';
import { loadVisible, MODULE, namesFor } from './quotes.service.js';

/** The printable quote of a visible record (any version, any status), with the file name to offer. */
export async function quotePdf(ctx: Ctx, id: string, lang: PdfLang) {
  assertCan(ctx.actor, MODULE, 'read');
  const quote = await loadVisible(ctx, id);
  const lines = await repo.linesOf(ctx.db, id);
  const [names, company] = await Promise.all([namesFor(ctx.db, [quote], lines), companySettingsService.read(ctx.db)]);
  const today = chinaToday();
  const doc = await renderQuotePdf(
    {
      quote,
      status: effectiveStatus(quote, today),
      lines,
      skus: names.skus,
      company,
      organizationName: names.organizations.get(quote.organizationId) ?? null,
      contactName: quote.contactId ? (names.contacts.get(quote.contactId) ?? null) : null,
      ownerName: quote.ownerId ? (names.users.get(quote.ownerId) ?? null) : null,
      today,
    },
    lang,
  );
  return { doc, fileName: `${quote.number}-v${quote.revision}.pdf` };
}
