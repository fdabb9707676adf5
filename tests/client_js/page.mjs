// A page running the whole client (lona.js) in the fake DOM, with a fake
// socket: the test plays the server.
import { installDom } from './fake_dom.mjs';
import { socketClass } from './fake_socket.mjs';

installDom(); // lona.js sets `window.Lona` as it loads
const lona = await import('../../client/lona.js');
const protocol = await import('../../client/protocol.js');

export const { Lona, LonaContext } = lona;
export const { ClientMessage: C, ServerMessage: S, Op, EventType, ErrorCode } = protocol;

// The settings the server gives a page (lona/http/handler.py, client_settings).
export const PAGE_SETTINGS = {
  page_token: 'page-token',
  protocol_version: 2,
  ws_path: '/_lona/ws',
  view_start_timeout: 2,
  input_event_timeout: 2,
  progress_delay: 0,
  ping_interval: 0,
  auto_reconnect: true,
  reconnect_delay: 100,
  live_reload: false,
  status_texts: {},
};

// A fresh page at `url` with `body`, and a context for it (not set up yet).
export function openPage({ body = '<div id="lona"></div>', url = 'http://app.test/', page = {},
  settings = {} } = {}) {
  const { window } = installDom(url);
  window.Lona = Lona;
  for (const key of Object.keys(Lona.settings)) {
    delete Lona.settings[key];
  }
  Lona.set_settings({ ...PAGE_SETTINGS, ...page });
  document.body.innerHTML = body;
  const Socket = socketClass();
  const context = new LonaContext({ socket_class: Socket, ...settings });
  return { context, Socket, window, socket: () => Socket.made.at(-1) };
}

// The handshake on the newest socket: it opens, the client says HELLO, the server WELCOME.
export function welcome(page, serverId = 'server-1') {
  const socket = page.socket();
  socket.serverOpens();
  socket.serverSends([S.WELCOME, 2, { server_id: serverId }]);
  return socket;
}

// A page whose window 1 runs view `v1` at `url`, showing `tree` (a node spec).
export function runningPage(tree, options = {}) {
  const page = openPage(options);
  page.context.setup();
  const socket = welcome(page);
  socket.serverSends([S.VIEW_START, 1, 'v1', 1, page.window.location.href, 'attach-1']);
  socket.serverSends([S.TREE, 1, 'v1', 2, tree, 'Title']);
  return page;
}
