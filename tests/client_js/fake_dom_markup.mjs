// The leaf of the fake DOM (fake_dom.mjs): node type numbers, HTML's element
// sets, reading and writing markup, and CSS selectors.  It imports none of
// the other fake_dom_*.mjs modules, so the node classes can import it without
// an import cycle (a class that extends an imported one needs that module
// evaluated first).  Elements are only used through their methods here.

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;
export const HTML_NS = 'http://www.w3.org/1999/xhtml';
export const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
  'meta', 'source', 'track', 'wbr']);
export const RAW_TEXT = new Set(['script', 'style', 'textarea']);

// markup ####################################################################

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const hex = name[1] === 'x' || name[1] === 'X';
      return String.fromCodePoint(parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const TOKEN = /<!--([\s\S]*?)-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;

// The nodes `html` stands for (the parts of HTML's parser the tests need:
// elements, attributes, text, comments, void and raw text elements).
export function parseHtml(doc, html, context = 'body') {
  const top = doc.createElement(context);
  const open = [top];
  let position = 0;
  const text = (end) => {
    if (end > position) {
      open[open.length - 1].appendChild(doc.createTextNode(decode(html.slice(position, end))));
    }
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match !== null; match = TOKEN.exec(html)) {
    text(match.index);
    position = TOKEN.lastIndex;
    const [, comment, closing, tag, attributes] = match;
    const parent = open[open.length - 1];
    if (comment !== undefined) {
      parent.appendChild(doc.createComment(comment));
    } else if (closing !== undefined) {
      const index = open.map((e) => e.localName).lastIndexOf(closing.toLowerCase());
      if (index > 0) {
        open.length = index;
      }
    } else {
      const element = doc.createElement(tag);
      for (const [, name, ...values] of attributes.matchAll(ATTRIBUTE)) {
        element.setAttribute(name, decode(values.find((v) => v !== undefined) ?? ''));
      }
      parent.appendChild(element);
      const name = element.localName;
      if (RAW_TEXT.has(name)) {
        const end = html.toLowerCase().indexOf(`</${name}`, position);
        const content = html.slice(position, end < 0 ? html.length : end);
        if (content) {
          element.appendChild(doc.createTextNode(name === 'textarea' ? decode(content) : content));
        }
        TOKEN.lastIndex = end < 0 ? html.length : end;
        position = TOKEN.lastIndex;
      } else if (!VOID.has(name)) {
        open.push(element);
      }
    }
  }
  text(html.length);
  return [...top.childNodes];
}

const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function serialize(node) {
  if (node.nodeType === TEXT_NODE) {
    return RAW_TEXT.has(node.parentNode?.localName) ? node.data : escapeText(node.data);
  }
  if (node.nodeType === COMMENT_NODE) {
    return `<!--${node.data}-->`;
  }
  const attributes = [...node.attributes].map(([name, value]) => ` ${name}="${escapeText(value).replace(/"/g, '&quot;')}"`);
  const start = `<${node.localName}${attributes.join('')}>`;
  return VOID.has(node.localName) ? start : `${start}${node.innerHTML}</${node.localName}>`;
}

// selectors #################################################################

// A selector list of compounds joined by ' ' or '>' (optionally starting at
// `:scope`): tags, `*`, `#id`, `.class`, `[name]`, `[name="value"]`.
export function parseSelectors(selectors) {
  return selectors.split(',').map((selector) => {
    const parts = selector.trim().replace(/\s*>\s*/g, ' > ').split(/\s+/);
    const compounds = [];
    let combinator = ' ';
    for (const part of parts) {
      if (part === '>') {
        combinator = '>';
      } else {
        compounds.push({ combinator, tests: parseCompound(part) });
        combinator = ' ';
      }
    }
    return compounds;
  });
}

function parseCompound(compound) {
  const tests = [];
  const pattern = /^([a-zA-Z][\w-]*|\*)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\]]*)))?\]|(:scope)/g;
  for (const [, tag, id, cls, attribute, v1, v2, v3, scope] of compound.matchAll(pattern)) {
    if (tag && tag !== '*') {
      tests.push((e) => e.localName === tag.toLowerCase());
    } else if (id) {
      tests.push((e) => e.id === id);
    } else if (cls) {
      tests.push((e) => e.classList.contains(cls));
    } else if (attribute) {
      const value = v1 ?? v2 ?? v3;
      tests.push((e) => e.hasAttribute(attribute)
        && (value === undefined || e.getAttribute(attribute) === value));
    } else if (scope) {
      tests.push((e, scopeNode) => e === scopeNode);
    }
  }
  return tests;
}

export function matches(element, compounds, scope, index = compounds.length - 1) {
  const { combinator, tests } = compounds[index];
  if (!tests.every((test) => test(element, scope))) {
    return false;
  }
  if (index === 0) {
    return true;
  }
  const candidates = [];
  for (let node = element.parentNode; node && node.nodeType === ELEMENT_NODE; node = node.parentNode) {
    candidates.push(node);
    if (combinator === '>') {
      break;
    }
  }
  return candidates.some((candidate) => matches(candidate, compounds, scope, index - 1));
}
