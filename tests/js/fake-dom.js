"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
/* A small fake DOM, just enough for the site's own scripts: elements with attributes, classes,
   children, text, listeners and focus, and querySelector for simple compound selectors
   (tag, .class, [attr], [attr=value], :checked). No descendant combinators. */

const SELECTOR = /^([a-z][a-z0-9-]*)?((?:\.[\w-]+)*)((?:\[[\w-]+(?:=[^\]]*)?\])*)(:checked)?$/i;

function matcher(selector) {
  const m = SELECTOR.exec(selector.trim());
  if (!m) throw new Error("fake DOM: unsupported selector " + selector);
  const tag = m[1] && m[1].toUpperCase();
  const classes = m[2] ? m[2].slice(1).split(".") : [];
  const attrs = [];
  (m[3].match(/\[[^\]]+\]/g) || []).forEach((part) => {
    const [name, value] = part.slice(1, -1).split("=");
    attrs.push([name, value === undefined ? null : value.replace(/^["']|["']$/g, "")]);
  });
  return (el) =>
    el.nodeType === 1 &&
    (!tag || el.tagName === tag) &&
    classes.every((c) => el.classList.contains(c)) &&
    attrs.every(([name, value]) => el.hasAttribute(name) && (value === null || el.getAttribute(name) === value)) &&
    (!m[4] || el.checked === true);
}

class ClassList {
  constructor() { this.names = []; }
  add(...names) { names.forEach((n) => { if (!this.names.includes(n)) this.names.push(n); }); }
  remove(...names) { this.names = this.names.filter((n) => !names.includes(n)); }
  contains(name) { return this.names.includes(name); }
  toggle(name, force) {
    const on = force === undefined ? !this.contains(name) : !!force;
    if (on) this.add(name); else this.remove(name);
    return on;
  }
}

class Node {
  constructor(doc) {
    this.ownerDocument = doc;
    this.parentNode = null;
    this.childNodes = [];
    this.listeners = {};
  }
  get children() { return this.childNodes.filter((n) => n.nodeType === 1); }
  get firstElementChild() { return this.children[0] || null; }
  get nextElementSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.children;
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  appendChild(node) { return this.insertBefore(node, null); }
  insertBefore(node, before) {
    if (node.parentNode) node.parentNode.removeChild(node);
    const at = before ? this.childNodes.indexOf(before) : -1;
    if (at < 0) this.childNodes.push(node); else this.childNodes.splice(at, 0, node);
    node.parentNode = this;
    return node;
  }
  removeChild(node) {
    const at = this.childNodes.indexOf(node);
    if (at < 0) throw new Error("fake DOM: not a child");
    this.childNodes.splice(at, 1);
    node.parentNode = null;
    return node;
  }
  replaceChild(node, old) {
    this.insertBefore(node, old);
    return this.removeChild(old);
  }
  contains(node) {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
  get textContent() { return this.childNodes.map((n) => n.textContent).join(""); }
  set textContent(text) {
    this.childNodes.slice().forEach((n) => this.removeChild(n));
    if (text !== "") this.appendChild(new Text(this.ownerDocument, String(text)));
  }
  descendants() {
    const out = [];
    const walk = (n) => n.children.forEach((c) => { out.push(c); walk(c); });
    walk(this);
    return out;
  }
  querySelectorAll(selector) { return this.descendants().filter(matcher(selector)); }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
  addEventListener(type, fn, options) {
    (this.listeners[type] = this.listeners[type] || []).push({ fn, options });
  }
  removeEventListener(type, fn) {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l.fn !== fn);
  }
  /* Calls this node's listeners of the type with a fake event; returns the event. */
  dispatch(type, props) {
    const event = Object.assign({
      type,
      target: this,
      defaultPrevented: false,
      preventDefault() { this.defaultPrevented = true; },
    }, props);
    (this.listeners[type] || []).slice().forEach((l) => {
      event.currentTarget = this;
      l.fn.call(this, event);
    });
    return event;
  }
}

class Text extends Node {
  constructor(doc, text) { super(doc); this.nodeType = 3; this.text = text; }
  get textContent() { return this.text; }
  set textContent(text) { this.text = String(text); }
}

class Element extends Node {
  constructor(doc, tag) {
    super(doc);
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.classList = new ClassList();
    this.hidden = false;
    this.focused = [];
    if (this.tagName === "TEMPLATE") this.content = new Element(doc, "fragment");
  }
  get className() { return this.classList.names.join(" "); }
  set className(value) { this.classList.names = String(value).split(/\s+/).filter(Boolean); }
  get id() { return this.getAttribute("id") || ""; }
  set id(value) { this.setAttribute("id", value); }
  get href() { return this.getAttribute("href"); }
  set href(value) { this.setAttribute("href", value); }
  get title() { return this.getAttribute("title") || ""; }
  set title(value) { this.setAttribute("title", value); }
  getAttribute(name) {
    if (name === "class") return this.className;
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }
  setAttribute(name, value) {
    if (name === "class") this.className = value;
    else this.attributes.set(name, String(value));
  }
  hasAttribute(name) { return name === "class" ? this.classList.names.length > 0 : this.attributes.has(name); }
  removeAttribute(name) { this.attributes.delete(name); }
  closest(selector) {
    const match = matcher(selector);
    for (let n = this; n && n.nodeType === 1; n = n.parentNode) if (match(n)) return n;
    return null;
  }
  cloneNode(deep) {
    const copy = new Element(this.ownerDocument, this.tagName);
    this.attributes.forEach((v, k) => copy.attributes.set(k, v));
    copy.classList.names = this.classList.names.slice();
    if (deep) this.childNodes.forEach((n) => copy.appendChild(n.nodeType === 1 ? n.cloneNode(true) : new Text(this.ownerDocument, n.text)));
    return copy;
  }
  focus(options) {
    this.focused.push(options);
    this.ownerDocument.activeElement = this;
  }
  click() { return this.dispatch("click"); }
}

class Document extends Node {
  constructor() {
    super(null);
    this.ownerDocument = this;
    this.nodeType = 9;
    this.title = "";
    this.documentElement = this.appendChild(new Element(this, "html"));
    this.body = this.documentElement.appendChild(new Element(this, "body"));
    this.activeElement = this.body;
  }
  createElement(tag) { return new Element(this, tag); }
  createTextNode(text) { return new Text(this, String(text)); }
  getElementById(id) { return this.querySelector("[id=" + id + "]"); }
}

/* A window: listeners, a location that records replace(), history, timers run by hand. */
class Window extends Node {
  constructor(doc, url) {
    super(doc);
    const u = new URL(url || "https://example.org/kk/find/");
    this.document = doc;
    this.self = this;
    this.top = this;
    this.replaced = [];
    const win = this;
    this.location = {
      pathname: u.pathname, search: u.search, hash: u.hash, href: u.href,
      replace(to) { win.replaced.push(to); },
    };
    this.timers = [];
  }
  setTimeout(fn, ms) { this.timers.push({ fn, ms }); return this.timers.length; }
  clearTimeout(id) { if (this.timers[id - 1]) this.timers[id - 1].fn = null; }
  /* Runs every pending timer, oldest first (also those they add). */
  flush() {
    while (this.timers.some((t) => t.fn)) {
      const t = this.timers.find((x) => x.fn);
      const fn = t.fn;
      t.fn = null;
      fn();
    }
  }
}

/* Runs one of the site's scripts as the browser would: a plain script whose globals are `globals`. */
function runScript(name, globals) {
  const file = path.join(__dirname, "..", "..", "overrides", "assets", "javascripts", name);
  const context = vm.createContext(Object.assign({}, globals));
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return context;
}

/* A value made inside a script's context as a plain value of this one (for deepEqual across realms). */
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

/* Builds elements from a small tree: h("a", {href: "/x", class: "y"}, "text", h(...)). */
function builder(doc) {
  return function h(tag, attrs, ...children) {
    const el = doc.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "checked" || k === "value" || k === "hidden") el[k] = v;
      else el.setAttribute(k, v);
    });
    children.forEach((c) => el.appendChild(typeof c === "string" ? doc.createTextNode(c) : c));
    return el;
  };
}

module.exports = { Document, Element, Window, builder, runScript, plain };
