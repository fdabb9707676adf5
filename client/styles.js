// The client's own stylesheet (lona.css: status notice, progress indicator,
// debug panel), also on pages whose template does not link it (templates
// written for Lona): linked once, the first time the client shows something.

const STYLESHEET = new URL('./lona.css', import.meta.url).href;

export function ensureStyles() {
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    if (link.href === STYLESHEET) {
      return;
    }
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = STYLESHEET;
  document.head.appendChild(link);
}
