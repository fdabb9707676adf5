// Errors shown over the page, for development.
//
// * Debug mode (`DEBUG = True`, `--debug`): the server sends a DEBUG message
//   when view code raises, with its traceback.  It shows in a panel over the
//   page, which keeps its state (the view runs on).  Escape or × closes it.
// * Live reload: while the connection is down, the client asks
//   `<prefix>/_lona/reload-error`.  A server that failed to start after a
//   change answers with its error there (lona/standalone/reload_error_server.py); it
//   shows in the same panel until the server runs again, and the page reloads.
//
// The panel is built from text nodes only: a traceback is never markup.

import { ensureStyles } from './styles.js';

const POLL_INTERVAL = 1000; // ms between two questions for a reload error

export class DebugPanel {
  constructor(context) {
    this.context = context;
    this.reports = []; // of the debug mode, newest last
    this.reloadError = null; // the error of a server that did not start
    this.element = null;
    this.pollTimer = null;
    this.onKey = (event) => {
      if (event.key === 'Escape') {
        this.close();
      }
    };
  }

  // a DEBUG message: {title, where, traceback}
  show(report) {
    this.reports.push(report);
    this.render();
  }

  close() {
    this.reports = [];
    this.reloadError = null;
    this.render();
  }

  // live reload ##############################################################

  connectionLost() {
    if (!this.context.page.live_reload || this.pollTimer !== null) {
      return;
    }
    const url = `${this.context.prefix.replace(/\/$/, '')}/_lona/reload-error`;
    const poll = async () => {
      try {
        const answer = await fetch(url, { cache: 'no-store' });
        const body = answer.headers.get('content-type') === 'application/json'
          ? await answer.json() : null;
        if (body && body.error && this.pollTimer !== null && body.error !== this.reloadError) {
          this.reloadError = body.error;
          this.render();
        }
      } catch (error) {
        // nothing listens (restarting): ask again
      }
    };
    this.pollTimer = setInterval(poll, POLL_INTERVAL);
    poll();
  }

  connected() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (this.reloadError !== null) {
      this.reloadError = null;
      this.render();
    }
  }

  // the panel ################################################################

  render() {
    const report = this.reloadError !== null
      ? {
        title: 'The server did not start after your change',
        where: 'fix the error and save: the page reloads once the server runs again',
        traceback: this.reloadError,
      }
      : this.reports[this.reports.length - 1];
    if (report === undefined) {
      this.remove();
      return;
    }
    ensureStyles();
    if (this.element === null) {
      this.element = this.build();
      document.body.appendChild(this.element);
      document.addEventListener('keydown', this.onKey);
    }
    const part = (name) => this.element.querySelector(`[data-lona-debug="${name}"]`);
    part('title').textContent = report.title;
    part('where').textContent = report.where ? `in ${report.where}` : '';
    part('count').textContent = this.reports.length > 1 && this.reloadError === null
      ? `(${this.reports.length} errors; this is the last)` : '';
    part('traceback').textContent = report.traceback;
    part('note').textContent = this.reloadError !== null
      ? 'Live reload: the server exited with this error.'
      : 'Debug mode: the page keeps its state and the view runs on. '
        + 'Never turn debug mode on in production.';
    this.element.dataset.kind = this.reloadError !== null ? 'reload' : 'error';
  }

  build() {
    const element = document.createElement('aside');
    element.id = 'lona-debug';
    element.setAttribute('role', 'alertdialog');
    element.setAttribute('aria-labelledby', 'lona-debug-title');
    const header = document.createElement('header');
    const title = document.createElement('strong');
    title.id = 'lona-debug-title';
    title.dataset.lonaDebug = 'title';
    const where = document.createElement('span');
    where.dataset.lonaDebug = 'where';
    const count = document.createElement('span');
    count.dataset.lonaDebug = 'count';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => this.close());
    header.append(title, where, count, close);
    const traceback = document.createElement('pre');
    traceback.dataset.lonaDebug = 'traceback';
    const note = document.createElement('p');
    note.dataset.lonaDebug = 'note';
    element.append(header, traceback, note);
    return element;
  }

  remove() {
    if (this.element !== null) {
      this.element.remove();
      this.element = null;
      document.removeEventListener('keydown', this.onKey);
    }
  }
}
