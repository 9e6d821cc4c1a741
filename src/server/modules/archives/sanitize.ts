import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../../platform/lazy-require.js';

/** Loaded at the first archive write, not at server start (with postcss it is one of the larger libraries). */
const sanitizeHtml = lazyRequire<typeof SanitizeHtml>('sanitize-html');

/**
 * The HTML the archive editor (Tiptap starter kit) produces, and nothing else: no scripts, styles,
 * event handlers, images or frames; links only to http(s) and mailto, opened without an opener.
 */
let richText: SanitizeHtml.IOptions | undefined;
const options = (): SanitizeHtml.IOptions =>
  (richText ??= {
    allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 's', 'u', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'hr', 'a'],
    allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: sanitizeHtml().simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  });

/** Cleans editor HTML before it is stored; an editor's empty paragraph counts as empty. */
export function sanitizeRichText(html: string): string {
  const clean = sanitizeHtml()(html, options()).trim();
  return clean === '<p></p>' ? '' : clean;
}

/** Whether a field holds any text (for archive completeness). */
export const hasText = (html: string | undefined) => !!html && sanitizeHtml()(html, { allowedTags: [], allowedAttributes: {} }).trim().length > 0;
