import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FILTERS, type ConversationFilters } from './conversation-filters';
import { filtersFromParams, filtersToParams } from './filter-params';

describe('filtersFromParams', () => {
  it.each<[string, ConversationFilters]>([
    ['', DEFAULT_FILTERS],
    ['status=pending', { ...DEFAULT_FILTERS, status: 'pending' }],
    ['status=snoozed&assignee=me', { status: 'snoozed', assignee: 'mine', q: '' }],
    ['assignee=unassigned', { ...DEFAULT_FILTERS, assignee: 'unassigned' }],
    ['assignee=all', DEFAULT_FILTERS],
    ['q=refund', { ...DEFAULT_FILTERS, q: 'refund' }],
    ['q=+late+refund+', { ...DEFAULT_FILTERS, q: 'late refund' }],
    ['q=%C3%B1and%C3%BA', { ...DEFAULT_FILTERS, q: 'ñandú' }],
    // Unknown values and names are ignored, each on its own.
    ['status=closed&assignee=me', { ...DEFAULT_FILTERS, assignee: 'mine' }],
    ['assignee=mine', DEFAULT_FILTERS],
    ['status=OPEN', DEFAULT_FILTERS],
    ['page=2&sort=oldest', DEFAULT_FILTERS],
    ['status=pending&status=resolved', { ...DEFAULT_FILTERS, status: 'pending' }],
  ])('%s', (query, expected) => {
    expect(filtersFromParams(new URLSearchParams(query))).toEqual(expected);
  });
});

describe('filtersToParams', () => {
  it.each<[ConversationFilters, string]>([
    [DEFAULT_FILTERS, ''],
    [{ status: 'pending', assignee: 'mine', q: 'refund' }, 'status=pending&assignee=me&q=refund'],
    [{ ...DEFAULT_FILTERS, assignee: 'unassigned' }, 'assignee=unassigned'],
    [{ ...DEFAULT_FILTERS, q: '   ' }, ''],
    [{ ...DEFAULT_FILTERS, q: ' a&b ' }, 'q=a%26b'],
  ])('%j', (filters, query) => {
    expect(filtersToParams(filters).toString()).toBe(query);
  });
});
