// The one program every runtime runs unchanged, each with its own package's createWazzup: the
// channels, a contact upserted, the contacts walked both ways (page by page and item by item), a
// send with its HTTP answer, and request() on a route read as untyped JSON. It throws on anything
// unexpected and returns one line, which says "sent".

/**
 * @param {(options?: object) => import('@wazzup-sdk/core').Wazzup} createWazzup
 * @param {object} options what this runtime passes (`{ env }` on a Worker, a key in a page)
 * @param {string} runtime names the contacts and the text
 * @returns {Promise<string>}
 */
export async function program(createWazzup, options, runtime) {
  const wazzup = createWazzup(options);
  const { data: channels } = await wazzup.channels.list();
  const channel = channels.find((each) => each.transport === 'whatsapp' && each.state === 'active');
  if (!channel) throw new Error(`no active WhatsApp channel among ${channels.length}`);

  // One more contact than a page holds, so both walks cross a page.
  const id = `ecosystem-${runtime.replace(/\W+/g, '-')}`;
  const ids = Array.from({ length: 101 }, (_, n) => `${id}-${n}`);
  await wazzup.contacts.upsert(
    ids.map((each) => ({
      id: each,
      responsibleUserId: 'u1',
      name: runtime,
      contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
    })),
  );

  // Page by page: the first page awaited, then next() until there is none.
  const paged = [];
  let pages = 0;
  let page = await wazzup.contacts.list();
  const count = page.count;
  while (page) {
    pages++;
    paged.push(...page.data.map((contact) => contact.id));
    page = await page.next();
  }
  // Item by item.
  const walked = [];
  for await (const contact of wazzup.contacts.list()) walked.push(contact.id);
  const missing = ids.filter((each) => !walked.includes(each));
  if (missing.length > 0) throw new Error(`not listed: ${missing.join(', ')}`);
  if (pages < 2 || walked.join() !== paged.join() || walked.length !== count) {
    throw new Error(
      `walked ${walked.length} contacts, paged ${paged.length} in ${pages}, count ${count}`,
    );
  }

  const { data: sent, response } = await wazzup.messages
    .send({
      channelId: channel.channelId,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: runtime,
    })
    .withResponse();
  if (sent.status !== 'sent' || response.status !== 201 || response.attempts !== 1) {
    throw new Error(`send: ${JSON.stringify({ sent, status: response.status })}`);
  }

  const raw = await wazzup.request({ method: 'GET', path: '/v3/channels' });
  if (!Array.isArray(raw) || raw.length !== channels.length) {
    throw new Error(`request() read ${JSON.stringify(raw)}`);
  }
  return `${runtime}: sent ${sent.messageId} (HTTP ${response.status}, ${response.attempts} attempt), ${walked.length} contacts walked both ways (${pages} pages), request() read ${raw.length} channels`;
}
