// The inbox page's script. It reads and changes everything through /api/conversations with the
// page's session (and its CSRF token on every change), and polls for what changed: new
// conversations and messages, owners, delivery statuses. Everything a customer or an operator
// wrote is put on the page as text (textContent), never as markup.
(function () {
  'use strict';

  const setup = JSON.parse(document.getElementById('inbox-setup').textContent);
  const lang = document.documentElement.lang || 'en';
  const csrf = {
    header: document.querySelector('meta[name=csrf-header]').content,
    token: document.querySelector('meta[name=csrf-token]').content
  };
  const $ = id => document.getElementById(id);
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' });
  const number = new Intl.NumberFormat(lang);
  const twoDigits = new Intl.NumberFormat(lang, { minimumIntegerDigits: 2 });
  const CHANNEL_MARK = { sms: 'SMS', whatsapp: 'WA', telegram: 'TG', viber: 'VB', email: '@', push: 'PUSH' };
  const CHANNELS = ['sms', 'whatsapp', 'telegram', 'viber', 'email', 'push'];

  const state = { selected: null, listJson: null, detailJson: null, queuesJson: null, detail: null, busy: false, previews: 0 };

  /** A text of the page in the reader's language; {0}, {1} replaced by the arguments. */
  function t(key, ...args) {
    const text = setup.text[key];
    if (text === undefined) {
      return key;
    }
    return text.replace(/\{(\d)\}/g, (m, i) => args[Number(i)]);
  }

  /** Whether the page has a text for this key (statuses, canned replies). */
  function has(key) {
    return setup.text[key] !== undefined;
  }

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'dataset') {
        Object.assign(node.dataset, value);
      } else if (name.startsWith('on')) {
        node.addEventListener(name.substring(2), value);
      } else {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    children.flat().forEach(child => {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  function when(instant) {
    return instant ? dateTime.format(new Date(instant)) : '';
  }

  function channelMark(channel) {
    return el('span', { class: 'channel', dataset: { channel: channel || '' }, title: channel || '' },
      CHANNEL_MARK[channel] || channel || '?');
  }

  function statusText(status) {
    return has('status.' + status) ? t('status.' + status) : status;
  }

  /** The first-response clock: time left, breached (in red), answered, or nothing once resolved. */
  function sla(conversation) {
    if (conversation.breached) {
      return { text: t('sla.breached'), cls: 'sla breached', state: 'breached' };
    }
    if (conversation.firstResponseAt || conversation.status === 'RESOLVED') {
      return { text: conversation.firstResponseAt ? t('sla.answered') : '', cls: 'sla', state: 'answered' };
    }
    if (!conversation.firstResponseDueAt) {
      return { text: '', cls: 'sla', state: 'none' };
    }
    const left = new Date(conversation.firstResponseDueAt).getTime() - Date.now();
    if (left <= 0) {
      return { text: t('sla.due'), cls: 'sla soon', state: 'due' };
    }
    const minutes = Math.floor(left / 60000);
    const text = t('sla.left', number.format(Math.floor(minutes / 60)) + ':' + twoDigits.format(minutes % 60));
    return { text: text, cls: minutes < 30 ? 'sla soon' : 'sla', state: 'running' };
  }

  function slaMark(conversation) {
    const clock = sla(conversation);
    return el('span', { class: clock.cls, dataset: { sla: clock.state }, title: when(conversation.firstResponseDueAt) },
      clock.text);
  }

  function flash(message, ok) {
    const box = $('flash');
    box.textContent = message;
    box.className = ok ? 'ok' : '';
    box.hidden = !message;
    clearTimeout(flash.timer);
    if (message && ok) {
      flash.timer = setTimeout(() => { box.hidden = true; }, 4000);
    }
  }

  /** A call to the API with the session; a problem's detail and fields become the error's message. */
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers[csrf.header] = csrf.token;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401) {
      flash(t('sessionEnded'));
      setTimeout(() => location.reload(), 1500);
      throw new Error(t('sessionEnded'));
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const fields = json && json.errors ? json.errors.map(e => e.field + ': ' + e.message).join('; ') : '';
      const error = new Error([json && json.detail, fields].filter(Boolean).join(' ') || response.statusText);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  // --- the list

  function listQuery() {
    const params = new URLSearchParams();
    const status = $('filter-status').value;
    const queue = $('filter-queue').value;
    const assignee = $('filter-assignee').value;
    const label = $('filter-label').value.trim();
    if (status) { params.set('status', status); }
    if (queue) { params.set('queue', queue); }
    if (assignee) { params.set('assignee', assignee); }
    if (label) { params.set('label', label); }
    return params.toString();
  }

  async function refreshList() {
    const list = await api('GET', '/api/conversations?' + listQuery());
    const json = JSON.stringify(list);
    if (json === state.listJson) {
      tickClocks();
      return;
    }
    state.listJson = json;
    const items = list.map(c => el('li', {
        tabindex: 0, class: c.conversationId === state.selected ? 'selected' : null,
        dataset: { id: c.conversationId, status: c.status, breached: String(c.breached), assignee: c.assignee || '' },
        onclick: () => select(c.conversationId),
        onkeydown: e => { if (e.key === 'Enter') { select(c.conversationId); } }
      },
      el('div', { class: 'top' }, channelMark(c.channel), el('span', { class: 'customer' }, c.customerId),
        el('span', { class: 'time' }, when(c.lastMessageAt))),
      el('div', { class: 'bottom' },
        el('span', { class: 'badge status' }, statusText(c.status)),
        c.topic ? el('span', { class: 'topic meta' }, has('topic.' + c.topic) ? t('topic.' + c.topic) : c.topic) : null,
        c.labels.map(l => el('span', { class: 'chip' }, l)),
        el('span', { class: 'owner meta' }, c.assignee ? c.assignee : t('owner.none')),
        slaMark(c))));
    $('conversations').replaceChildren(...items);
    $('no-conversations').hidden = list.length > 0;
  }

  async function refreshQueues() {
    if (!setup.supervisor) {
      return;
    }
    const loads = await api('GET', '/api/conversations/queues');
    const json = JSON.stringify(loads);
    if (json === state.queuesJson) {
      return;
    }
    state.queuesJson = json;
    $('queue-load').replaceChildren(...loads.map(q => el('tr', { dataset: { queue: q.queue } },
      el('td', {}, q.queue), el('td', { class: 'n' }, number.format(q.open)),
      el('td', { class: 'n' }, number.format(q.waitingForCustomer)),
      el('td', { class: 'n' }, number.format(q.unassigned)),
      el('td', { class: 'n breached-count' + (q.breached > 0 ? ' some' : '') }, number.format(q.breached)))));
  }

  /** The clocks count down between polls even when nothing else changed. */
  function tickClocks() {
    if (!state.listJson) {
      return;
    }
    const byId = new Map(JSON.parse(state.listJson).map(c => [c.conversationId, c]));
    document.querySelectorAll('#conversations li').forEach(li => {
      const conversation = byId.get(li.dataset.id);
      if (conversation) {
        li.querySelector('.sla').replaceWith(slaMark(conversation));
      }
    });
    if (state.detail) {
      $('thread-sla').replaceChildren(slaMark(state.detail));
    }
  }

  // --- one conversation

  function select(id) {
    state.selected = id;
    state.detailJson = null;
    history.replaceState(null, '', '#' + encodeURIComponent(id));
    document.querySelectorAll('#conversations li').forEach(li => li.classList.toggle('selected', li.dataset.id === id));
    $('inbox').classList.add('reading');
    $('thread-pane').hidden = false;
    $('context-pane').hidden = false;
    $('pick').hidden = true;
    resetComposer();
    refreshThread().catch(e => flash(e.message));
  }

  async function refreshThread() {
    if (!state.selected) {
      return;
    }
    let detail;
    try {
      detail = await api('GET', '/api/conversations/' + encodeURIComponent(state.selected));
    } catch (e) {
      if (e.status === 404) {
        state.selected = null;
        $('thread-pane').hidden = true;
        $('context-pane').hidden = true;
        $('pick').hidden = false;
      }
      throw e;
    }
    const json = JSON.stringify(detail);
    if (json === state.detailJson) {
      return;
    }
    const first = state.detail === null || state.detail.conversationId !== detail.conversationId;
    state.detailJson = json;
    state.detail = detail;
    renderThread(detail, first);
    renderContext(detail.context);
  }

  function renderThread(c, first) {
    $('thread-title').textContent = t('ticket', c.ticketNumber) + ' · ' + c.customerId;
    $('thread-status').textContent = statusText(c.status);
    $('thread-status').dataset.status = c.status;
    $('thread-sla').replaceChildren(slaMark(c));
    $('thread-owner').textContent = c.assignee ? t('owner.is', c.assignee) : t('owner.none');
    $('thread-owner').dataset.assignee = c.assignee || '';
    const resolved = c.status === 'RESOLVED';
    const mine = c.assignee === setup.user;
    $('claim').disabled = resolved || Boolean(c.assignee);
    $('claim').textContent = mine ? t('claim.mine') : t('claim');
    $('resolve').disabled = resolved;
    $('send').disabled = resolved;
    if (setup.supervisor) {
      const people = setup.team.filter(p => p.queues.includes(c.queue) || p.queues.length === 0 || p.id === c.assignee);
      $('assignee').replaceChildren(...people.map(p => el('option', { value: p.id, selected: p.id === c.assignee },
        p.name === p.id ? p.id : p.name + ' (' + p.id + ')')));
      $('assign').disabled = resolved;
    }
    $('thread-labels').replaceChildren(...c.labels.map(l => el('span', { class: 'chip' }, l)));
    if (first || document.activeElement !== $('labels-input')) {
      $('labels-input').value = c.labels.join(', ');
    }
    renderTimeline(c);
    if (first) {
      renderChannels(c.context.customer, c.channel);
    }
  }

  function renderTimeline(c) {
    const entries = [];
    c.messages.forEach(m => entries.push({ at: m.at, node: messageItem(m) }));
    c.notes.forEach(n => entries.push({ at: n.at, node: el('li', { class: 'note', dataset: { kind: 'note' } },
      el('div', { class: 'meta' }, el('b', {}, t('note.internal')), el('span', {}, n.author),
        el('span', {}, when(n.at))), n.text) }));
    c.calls.forEach(call => entries.push({ at: call.at, node: el('li', { class: 'note', dataset: { kind: 'call' } },
      el('div', { class: 'meta' }, el('b', {}, t('call.logged', t('call.' + call.outcome))), el('span', {}, call.author),
        call.durationSeconds === null ? null
          : el('span', {}, t('call.duration', number.format(Math.round(call.durationSeconds / 60)))),
        el('span', {}, when(call.at))),
      call.summary || '') }));
    entries.sort((a, b) => new Date(a.at) - new Date(b.at));
    const timeline = $('timeline');
    const atBottom = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 40;
    timeline.replaceChildren(...entries.map(e => e.node));
    if (atBottom) {
      timeline.scrollTop = timeline.scrollHeight;
    }
  }

  function messageItem(m) {
    const incoming = m.direction === 'IN';
    const author = m.author === 'customer' ? t('author.customer') : m.author === 'system' ? t('author.system') : m.author;
    const attempts = (m.deliveries || []).map(d => d.channel + ': ' + deliveryText(d.status)).join(', ');
    return el('li', {
        class: incoming ? 'in' : m.author === 'system' ? 'out system' : 'out',
        dataset: { kind: 'message', direction: m.direction, replyId: m.replyId || '', status: m.deliveryStatus || '' }
      },
      el('div', { class: 'meta' }, channelMark(m.channel), el('span', {}, author), el('span', {}, when(m.at)),
        incoming ? null : el('span', { class: 'badge delivery', dataset: { status: m.deliveryStatus || '' }, title: attempts },
          deliveryText(m.deliveryStatus))),
      m.text === null ? el('i', {}, t('text.cleared')) : m.text);
  }

  function deliveryText(status) {
    return has('delivery.' + status) ? t('delivery.' + status) : (status || '');
  }

  function renderChannels(customer, current) {
    const select = $('reply-channel');
    const options = [el('option', { value: '' }, t('channel.customers', current || ''))];
    CHANNELS.filter(ch => address(customer, ch)).forEach(ch => options.push(el('option', { value: ch }, ch)));
    select.replaceChildren(...options);
  }

  function address(customer, channel) {
    switch (channel) {
      case 'sms': return customer.phone;
      case 'whatsapp': return customer.whatsapp || customer.phone;
      case 'telegram': return customer.telegramChatId;
      case 'viber': return customer.viberId;
      case 'email': return customer.email;
      default: return customer.pushToken;
    }
  }

  function renderContext(context) {
    const customer = context.customer;
    const rows = [['profile.id', customer.id], ['profile.name', customer.name], ['profile.locale', customer.locale],
      ['profile.timeZone', customer.timeZone], ['profile.phone', customer.phone], ['profile.email', customer.email],
      ['profile.channels', CHANNELS.filter(ch => address(customer, ch)).join(', ')]];
    $('profile').replaceChildren(...rows.filter(r => r[1]).flatMap(r => [el('dt', {}, t(r[0])), el('dd', {}, r[1])]));
    $('other-conversations').replaceChildren(...context.otherConversations.map(o => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => select(o.conversationId) },
        t('ticket', o.ticketNumber)), ' ', statusText(o.status), ' · ', o.topic || '', ' · ', when(o.createdAt))));
    $('journeys').replaceChildren(...context.journeys.map(j => el('li', {},
      j.playbook, ' · ', has('journey.' + j.status) ? t('journey.' + j.status) : j.status, ' · ', when(j.createdAt))));
  }

  // --- actions

  /** Runs an action on the selected conversation, then shows what changed at once. */
  async function act(done, action) {
    if (!state.selected || state.busy) {
      return;
    }
    state.busy = true;
    try {
      await action('/api/conversations/' + encodeURIComponent(state.selected));
      flash(done, true);
      state.detailJson = null;
      await Promise.all([refreshThread(), refreshList(), refreshQueues()]);
    } catch (e) {
      flash(e.message);
    } finally {
      state.busy = false;
    }
  }

  $('claim').addEventListener('click', () => act(t('done.claimed'), url => api('POST', url + '/claim')));
  if (setup.supervisor) {
    $('assign').addEventListener('click', () => act(t('done.assigned'),
      url => api('POST', url + '/assign', { assignee: $('assignee').value })));
  }
  $('resolve').addEventListener('click', () => act(t('done.resolved'), url => {
    const resolution = $('resolution').value.trim();
    return api('POST', url + '/resolve', resolution ? { resolution: resolution } : {});
  }));
  $('save-labels').addEventListener('click', () => act(t('done.labels'), url => api('PUT', url + '/labels',
    $('labels-input').value.split(',').map(l => l.trim()).filter(l => l))));
  $('note-form').addEventListener('submit', e => {
    e.preventDefault();
    act(t('done.note'), async url => {
      await api('POST', url + '/notes', { text: $('note-text').value });
      $('note-text').value = '';
    });
  });
  $('call-form').addEventListener('submit', e => {
    e.preventDefault();
    act(t('done.call'), async url => {
      await api('POST', url + '/calls', { outcome: $('call-outcome').value, summary: $('call-summary').value,
        durationSeconds: Math.round(Number($('call-minutes').value || 0) * 60) });
      $('call-summary').value = '';
    });
  });
  $('reply-form').addEventListener('submit', e => {
    e.preventDefault();
    act(t('done.sent'), async url => {
      const canned = $('canned').value;
      const body = canned ? { template: canned, variables: cannedVariables() } : { text: $('reply-text').value };
      if ($('reply-channel').value) {
        body.channel = $('reply-channel').value;
      }
      await api('POST', url + '/replies', body);
      resetComposer();
    });
  });

  // --- canned replies: chosen from the list, filled in, previewed in the customer's language

  function resetComposer() {
    $('canned').value = '';
    $('reply-text').value = '';
    $('reply-text').disabled = false;
    $('canned-variables').replaceChildren();
    $('canned-preview').hidden = true;
  }

  function cannedVariables() {
    const variables = {};
    document.querySelectorAll('#canned-variables input').forEach(input => { variables[input.name] = input.value; });
    return variables;
  }

  async function previewCanned() {
    const id = $('canned').value;
    if (!id || !state.detail) {
      return;
    }
    const channel = $('reply-channel').value || state.detail.channel;
    const preview = $('canned-preview');
    // Answers may come back out of order while the operator types: only the latest request's counts.
    const asked = ++state.previews;
    try {
      const message = await api('POST', '/api/templates/' + encodeURIComponent(id) + '/preview', {
        channel: channel, locale: state.detail.context.customer.locale || 'en',
        variables: Object.assign({ ticketNumber: state.detail.ticketNumber }, cannedVariables())
      });
      if (asked !== state.previews) {
        return;
      }
      preview.textContent = message.text;
      preview.classList.remove('error');
    } catch (e) {
      if (asked !== state.previews) {
        return;
      }
      preview.textContent = t('canned.fill') + ' ' + e.message;
      preview.classList.add('error');
    }
    preview.hidden = false;
  }

  $('canned').addEventListener('change', () => {
    const chosen = setup.canned.find(c => c.id === $('canned').value);
    $('reply-text').disabled = Boolean(chosen);
    $('canned-variables').replaceChildren(...(chosen ? chosen.variables : []).map(v => el('label', {},
      el('span', {}, has('variable.' + v) ? t('variable.' + v) : v),
      el('input', { type: 'text', name: v, id: 'variable-' + v, maxlength: 200, oninput: previewCanned }))));
    if (chosen) {
      previewCanned();
    } else {
      $('canned-preview').hidden = true;
    }
  });
  $('reply-channel').addEventListener('change', previewCanned);
  setup.canned.forEach(c => $('canned').append(el('option', { value: c.id },
    has('canned.' + c.id) ? t('canned.' + c.id) : c.id)));

  // --- filters, the phone's back button, polling

  setup.queues.forEach(q => $('filter-queue').append(el('option', { value: q }, q)));
  $('filters').addEventListener('change', () => { state.listJson = null; refreshList().catch(e => flash(e.message)); });
  $('filters').addEventListener('submit', e => e.preventDefault());
  $('back').addEventListener('click', () => $('inbox').classList.remove('reading'));

  async function poll() {
    try {
      await Promise.all([refreshList(), refreshQueues(), refreshThread()]);
    } catch (e) {
      flash(e.message);
    }
  }

  if (location.hash.length > 1) {
    select(decodeURIComponent(location.hash.substring(1)));
  }
  poll();
  setInterval(poll, setup.pollMillis);
}());
