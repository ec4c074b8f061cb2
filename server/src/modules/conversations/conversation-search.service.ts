import { BadRequestException, Injectable } from '@nestjs/common';
import type { Conversation, ListConversationsQuery, Page } from '@rapport/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { listConditions } from './conversation-list-filters.js';
import { ConversationSearchRepository, type SearchCandidate, type TextCondition, type TierQuery } from './conversation-search.repository.js';
import { CustomersRepository } from '../customers/customers.repository.js';
import { ConversationsRepository } from './conversations.repository.js';
import { decodeSearchCursor, encodeSearchCursor } from './domain/cursor.js';
import { estimateMatches, type LexemeStats } from './domain/search-estimate.js';
import { parseSearchQuery, PREFIX_MIN_LENGTH } from './domain/search-query.js';
import { bestHit, TIER, tierSteps, tiersOf, type Ranked } from './domain/search-rank.js';
import { searchSnippet } from './domain/search-snippet.js';

/** The index statistics are read again after this long (autovacuum refreshes them as messages come). */
const STATS_TTL_MS = 60_000;

/**
 * `GET /api/conversations?q=`: conversations whose customer's name or handle, or one of whose
 * messages, matches; best tier first (name, every word whole, every word), newest activity first
 * within a tier, keyset pages over (tier, activity, id), with the user's access and the list's filters.
 * Each item carries the message that matched, as a snippet with its hits marked.
 */
@Injectable()
export class ConversationSearchService {
  /**
   * `commonMatches`: estimated matching messages above which a word is common, and the newest
   * conversations are walked (a few hundred fill a page) instead of reading every match through the
   * index; `walkBudget`: conversations a walk reads before the rest goes through the index anyway;
   * `nameSimilarity`: how like a name the query must be to match it without being part of it.
   */
  readonly options = { commonMatches: 5000, walkBudget: 1500, nameSimilarity: 0.6 };
  private stats: { value: LexemeStats | null; readAt: number } | null = null;

  constructor(
    private readonly search: ConversationSearchRepository,
    private readonly conversations: ConversationsRepository,
    private readonly customers: CustomersRepository,
  ) {}

  async list(user: AuthUser, query: ListConversationsQuery & { q: string }): Promise<Page<Conversation>> {
    const parsed = parseSearchQuery(query.q);
    if (parsed.kind === 'invalid') throw new BadRequestException(parsed.reason);
    const cursor = query.cursor ? decodeSearchCursor(query.cursor) : null;
    if (query.cursor && !cursor) throw new BadRequestException('cursor is not valid: pass the nextCursor of a previous page of the same search');
    const conditions = listConditions(user, query);
    if (parsed.kind === 'nothing') return { items: [], nextCursor: null };

    const search = parsed.query;
    const whole: TextCondition = { tsquery: search.wholeWords, terms: search.terms, prefix: false };
    const anyForm: TextCondition = { tsquery: search.anyForm, terms: search.terms, prefix: true };
    const nameCustomerIds = search.namePattern && search.nameText ? await this.customers.namedLike(search.namePattern, search.nameText, this.options.nameSimilarity) : [];
    const want = query.limit + 1;
    const ranked: Ranked[] = [];
    for (const step of tierSteps(tiersOf(search), cursor)) {
      const tierQuery: TierQuery = { conditions, nameCustomerIds, after: step.after, limit: want - ranked.length };
      const rows =
        step.tier === TIER.name
          ? await this.search.byCustomers(tierQuery)
          : step.tier === TIER.wholeWords
            ? await this.messageTier(tierQuery, whole, null)
            : await this.messageTier(tierQuery, anyForm, whole);
      ranked.push(...rows.map((r) => ({ tier: step.tier, at: r.at, id: r.id })));
      if (ranked.length >= want) break;
    }

    const page = ranked.slice(0, query.limit);
    const ids = page.map((r) => r.id);
    const [dtos, hits] = await Promise.all([this.conversations.loadDtos(ids), this.search.hitsIn(ids, anyForm, whole)]);
    const items: Conversation[] = [];
    for (const id of ids) {
      const dto = dtos.get(id);
      if (!dto) continue;
      const hit = bestHit(hits.filter((h) => h.conversationId === id));
      items.push({ ...dto, match: hit ? { messageId: hit.messageId, ...searchSnippet(hit.text, search.terms) } : null });
    }
    const last = page.at(-1);
    return { items, nextCursor: ranked.length > query.limit && last ? encodeSearchCursor(last) : null };
  }

  /**
   * One message tier, newest first: through the index when few messages match (cost follows the
   * matches), by walking the newest conversations when many do (cost follows the conversations read);
   * a walk that reads its budget without filling the page leaves the rest to the index.
   */
  private async messageTier(query: TierQuery, match: TextCondition, except: TextCondition | null): Promise<SearchCandidate[]> {
    const terms = match.terms.map((term) => ({ term, prefix: match.prefix && term.length >= PREFIX_MIN_LENGTH }));
    if (estimateMatches(await this.lexemeStats(), terms) <= this.options.commonMatches) return this.search.throughIndex(query, match, except);
    const budget = this.options.walkBudget;
    const window = await this.search.window({ ...query, limit: budget + 1 });
    const walked = window.slice(0, budget);
    const activity = new Map(walked.map((c) => [c.id, c.at]));
    const rows = (await this.search.walk(walked.map((c) => c.id), match, except, query.limit)).map((id) => ({ id, at: activity.get(id)! }));
    const edge = walked.at(-1);
    if (rows.length >= query.limit || window.length <= budget || !edge) return rows;
    const rest = await this.search.throughIndex({ ...query, after: { at: edge.at, id: edge.id }, limit: query.limit - rows.length }, match, except);
    return [...rows, ...rest];
  }

  private async lexemeStats(): Promise<LexemeStats | null> {
    if (this.stats && Date.now() - this.stats.readAt < STATS_TTL_MS) return this.stats.value;
    this.stats = { value: await this.search.lexemeStats(), readAt: Date.now() };
    return this.stats.value;
  }
}
