import type { ConversationMatch } from '@rapport/shared';
import { fromFirstHit, highlightSegments } from './highlight-segments';

/**
 * The message a search found, with the matching words marked (the server sends plain text and offsets,
 * never HTML), starting shortly before the first of them.
 */
export function SearchMatchSnippet({ match }: { match: ConversationMatch }) {
  return (
    <span className="preview-text search-match" data-testid="search-match" data-message-id={match.messageId}>
      {fromFirstHit(highlightSegments(match.snippet, match.highlights)).map((segment, i) => (segment.hit ? <mark key={i}>{segment.text}</mark> : segment.text))}
    </span>
  );
}
