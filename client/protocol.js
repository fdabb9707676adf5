// Wire protocol codes. Mirrors lona/protocol.py; tests/core/test_protocol_tables.py keeps them equal.

export const ClientMessage = Object.freeze({
  HELLO: 1,
  VIEW: 2,
  EVENT: 3,
  PING: 4,
  CLIENT_ERROR: 5,
  LEAVE: 6,
  RESUME: 7,
  RECEIVED: 8,
});

export const ServerMessage = Object.freeze({
  WELCOME: 1,
  VIEW_START: 2,
  TREE: 3,
  PATCH: 4,
  HTML: 5,
  ACK: 6,
  REDIRECT: 7,
  HTTP_REDIRECT: 8,
  VIEW_STOP: 9,
  PONG: 10,
  ERROR: 11,
  TITLE: 12,
  CUSTOM: 13,
  DEBUG: 14,
  RESUMED: 15,
});

export const Op = Object.freeze({
  INSERT: 1,
  REMOVE: 2,
  SET_ATTR: 3,
  REMOVE_ATTR: 4,
  SET_TEXT: 5,
  CLEAR: 6,
  WIDGET_DATA: 7,
  DATA_SET: 8,
  DATA_REMOVE: 9,
  DATA_INSERT: 10,
});

export const EventType = Object.freeze({
  CLICK: 301,
  CHANGE: 302,
  CUSTOM: 303,
  FOCUS: 304,
  BLUR: 305,
});

export const ErrorCode = Object.freeze({
  BAD_MESSAGE: 1,
  UNKNOWN_MESSAGE: 2,
  PROTOCOL_VERSION: 3,
  NOT_STARTED: 4,
  UNKNOWN_WINDOW: 5,
  STALE_VIEW: 6,
  UNKNOWN_NODE: 7,
  VIEW_STOPPED: 8,
  FORBIDDEN: 9,
  NOT_FOUND: 10,
  RATE_LIMITED: 11,
  BAD_EVENT: 12,
  CUSTOM_UNHANDLED: 13,
  INTERNAL: 14,
  TOO_MANY_VIEWS: 15,
  ORIGIN: 16,
  PAGE_TOKEN: 17,
});

export const CloseCode = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  UNSUPPORTED: 1003,
  POLICY: 1008,
  TOO_BIG: 1009,
  INTERNAL: 1011,
  NOT_FOUND: 4404,
});

export const PROTOCOL = Object.freeze({
  VERSION: 2,
});
