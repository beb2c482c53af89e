import { describe, expect, it } from 'vitest';
import { parseWebhook, WazzupWebhookError } from './parse-webhook';

const incoming = {
  messageId: '0f4c1d9e-1111-4a4a-8b8b-000000000001',
  channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
  chatType: 'whatsapp',
  chatId: '79011112233',
  dateTime: '2026-12-01T08:00:00.000Z',
  type: 'text',
  status: 'inbound',
  text: 'Where is my order?',
  isEcho: false,
  contact: { name: 'Anna', avatarUri: 'https://example.com/a.png' },
};

describe('parseWebhook', () => {
  it('reads the probe, as true or "true"', () => {
    expect(parseWebhook({ test: true })).toEqual([{ type: 'test' }]);
    expect(parseWebhook({ test: 'true' })).toEqual([{ type: 'test' }]);
  });

  it('reads messages and statuses of one delivery in delivery order', () => {
    const events = parseWebhook({
      statuses: [{ messageId: 'm1', timestamp: '2026-12-01T08:00:01Z', status: 'delivered' }],
      messages: [incoming, { ...incoming, messageId: 'm2', isEcho: true, status: 'sent' }],
    });
    expect(events.map((event) => event.type)).toEqual(['status', 'message', 'message']);
    expect(events[1]).toMatchObject({ type: 'message', incoming: true, echo: false });
    expect(events[2]).toMatchObject({ type: 'message', incoming: false, echo: true });
  });

  it('reads a system message, an Avito advert and a channel time written as a string', () => {
    const advert = { id: 42, title: 'Bike' };
    const events = parseWebhook({
      messages: [
        { ...incoming, type: 'system', text: 'The chat was closed' },
        { ...incoming, chatType: 'avito', chatId: 'u2i-1', avitoProfileId: 'p1', advert },
      ],
      channelsUpdates: [{ channelId: 'c1', state: 'active', timestamp: '1764576000000' }],
    });
    expect(events).toMatchObject([
      { type: 'message', message: { type: 'system' } },
      { type: 'message', message: { chatType: 'avito', advert } },
      { type: 'channel', channel: { timestamp: 1_764_576_000_000 } },
    ]);
  });

  it('keeps unknown fields and values, and lower-cases statuses', () => {
    const [event] = parseWebhook({
      messages: [
        { ...incoming, chatType: 'maxgroup', type: 'sticker', status: 'READ', mood: 'ok' },
      ],
    });
    expect(event).toMatchObject({
      type: 'message',
      message: { chatType: 'maxgroup', type: 'sticker', status: 'read', mood: 'ok' },
    });
  });

  it('marks edits and deletions', () => {
    const [edited, deleted] = parseWebhook({
      messages: [
        { ...incoming, isEdited: true, oldInfo: { oldText: 'Were is my order?' } },
        { ...incoming, isDeleted: true },
      ],
    });
    expect(edited).toMatchObject({ edited: true, deleted: false });
    expect(deleted).toMatchObject({ edited: false, deleted: true });
  });

  it('reads channel updates, template moderation (upper-cased) and the create requests', () => {
    expect(
      parseWebhook({
        channelsUpdates: [
          { channelId: 'c1', state: 'qridle', timestamp: 1_764_576_000_000, qr: 'data:…' },
        ],
      }),
    ).toMatchObject([{ type: 'channel', channel: { state: 'qridle', qr: 'data:…' } }]);
    expect(
      parseWebhook({ templateStatus: { templateGuid: 't1', name: 'order', status: 'approved' } }),
    ).toMatchObject([{ type: 'template', template: { status: 'APPROVED' } }]);
    expect(
      parseWebhook({
        createContact: {
          responsibleUserId: 'u1',
          name: 'Anna',
          contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
          source: 'auto',
        },
      }),
    ).toMatchObject([{ type: 'createContact', request: { source: 'auto' } }]);
    expect(
      parseWebhook({ createDeal: { responsibleUserId: 'u1', contacts: ['c1'], source: 'byUser' } }),
    ).toMatchObject([{ type: 'createDeal', request: { contacts: ['c1'] } }]);
  });

  it('turns a malformed item into an invalid event and keeps the others', () => {
    const events = parseWebhook({
      messages: [incoming, { messageId: 5 }, { ...incoming, messageId: 'm3' }],
    });
    expect(events.map((event) => event.type)).toEqual(['message', 'invalid', 'message']);
    const invalid = events[1];
    if (invalid?.type !== 'invalid') throw new Error('expected an invalid event');
    expect(invalid.error).toBeInstanceOf(WazzupWebhookError);
    expect(invalid.error).toMatchObject({ section: 'messages', index: 1 });
    expect(invalid.item).toEqual({ messageId: 5 });
  });

  it('keeps a section it does not know, and never throws on any JSON', () => {
    expect(parseWebhook({ dealsUpdates: [{ id: 1 }] })).toEqual([
      { type: 'unknown', section: 'dealsUpdates', value: [{ id: 1 }] },
    ]);
    for (const body of [null, 5, 'x', [], { messages: 'no' }, { statuses: [null] }]) {
      const events = parseWebhook(body);
      expect(events.every((event) => event.type === 'invalid')).toBe(true);
      expect(events.length).toBeGreaterThan(0);
    }
  });
});
