import { describe, expect, it } from '@jest/globals';
import { exportFileName, openArrayIn, toExportedMessage, type MessageRow } from './export-document.js';

describe('openArrayIn', () => {
  it.each<[string, string, string]>([
    ['after the last member', '{"id":"c1","text":"a } b"}', '{"id":"c1","text":"a } b","messages":['],
    ['in an empty object', '{}', '{"messages":['],
  ])('%s', (_what, json, expected) => {
    expect(openArrayIn(json, 'messages')).toBe(expected);
  });

  it('written out and closed, is the object with the array', () => {
    const written = `${openArrayIn(JSON.stringify({ id: 'c1', nested: { a: [1] } }), 'messages')}${[{ n: 1 }, { n: 2 }].map((m) => JSON.stringify(m)).join(',')}]}`;
    expect(JSON.parse(written)).toEqual({ id: 'c1', nested: { a: [1] }, messages: [{ n: 1 }, { n: 2 }] });
  });

  it('refuses anything but an object', () => {
    expect(() => openArrayIn('[1]', 'messages')).toThrow('not the JSON of an object');
  });
});

describe('toExportedMessage', () => {
  const row: MessageRow = {
    id: 'm1',
    direction: 'inbound',
    author_type: 'customer',
    author_id: null,
    agent_name: null,
    private: false,
    text: 'Where is my parcel?',
    attachments: [{ type: 'image', url: 'https://cdn.example/p.jpg' }],
    status: 'delivered',
    error: null,
    external_id: 'wamid.1',
    platform_meta: { chatId: '42' },
    sent_at: new Date('2026-05-01T10:00:00.000Z'),
    created_at: new Date('2026-05-01T10:00:01.000Z'),
  };

  it('names a customer message after the customer and keeps everything stored', () => {
    expect(toExportedMessage(row, 'Ada Lovelace')).toEqual({
      id: 'm1',
      direction: 'inbound',
      authorType: 'customer',
      authorId: null,
      authorName: 'Ada Lovelace',
      private: false,
      text: 'Where is my parcel?',
      attachments: [{ type: 'image', url: 'https://cdn.example/p.jpg' }],
      status: 'delivered',
      error: null,
      externalId: 'wamid.1',
      platformMeta: { chatId: '42' },
      sentAt: '2026-05-01T10:00:00.000Z',
      createdAt: '2026-05-01T10:00:01.000Z',
    });
  });

  it('names an agent reply or note after its agent', () => {
    const note = { ...row, direction: 'outbound' as const, author_type: 'agent' as const, author_id: 'u1', agent_name: 'Agent One', private: true };
    expect(toExportedMessage(note, 'Ada Lovelace')).toMatchObject({ authorName: 'Agent One', private: true });
  });
});

describe('exportFileName', () => {
  it('names the file by id', () => {
    expect(exportFileName('0b7e')).toBe('customer-0b7e.json');
  });
});
