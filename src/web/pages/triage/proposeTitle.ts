/** The longest title proposed for a case opened from a request. */
export const PROPOSED_TITLE_MAX = 80;

/**
 * A short case title from a request: who asks and where ("Spouse, Republic
 * of Buryatia"), then the first words of what they wrote, cut at a word
 * boundary with an ellipsis so the whole stays within `max` characters.
 */
export function proposeTitle(
  parts: { requester: string | null; region: string | null; text: string },
  max = PROPOSED_TITLE_MAX,
): string {
  const who = [parts.requester, parts.region].filter((part): part is string => part !== null && part !== '').join(', ');
  const words = parts.text.replace(/\s+/g, ' ').trim();
  const head = who === '' ? '' : `${who}: `;
  const room = max - Array.from(head).length;
  if (words === '' || room < 8)
    return Array.from(head === '' ? words : who)
      .slice(0, max)
      .join('');
  if (Array.from(words).length <= room) return head + words;
  const cut = Array.from(words)
    .slice(0, room - 1)
    .join('');
  const boundary = cut.lastIndexOf(' ');
  return `${head}${(boundary > 0 ? cut.slice(0, boundary) : cut).replace(/[\s,.;:!?—-]+$/u, '')}…`;
}
