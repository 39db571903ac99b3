import { XMLBuilder } from 'fast-xml-parser';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { Iso20022Error } from './errors';

/**
 * Safe reading and writing of ISO 20022 XML. A file from outside is hostile until proven otherwise: a DOCTYPE can
 * declare entities that read local files (XXE) or expand to gigabytes ("billion laughs"). ISO 20022 messages never
 * need one, so any DOCTYPE or ENTITY declaration rejects the file outright, and no entity but XML's own five and
 * character references is ever expanded.
 */

/** A parsed document: a leaf is a string, an element with children or attributes an object. */
export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

const FORBIDDEN_DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;
const ATTRIBUTE_PREFIX = '@_';
const TEXT = '#text';
/** Deeper than any ISO 20022 message: a file nested further is refused rather than walked. */
const MAX_DEPTH = 64;
const NOT_BLANK = /\S/;

/** An element being read: its children and attributes so far, and its text. */
interface OpenElement {
  readonly name: string;
  readonly path: string;
  readonly node: XmlNode;
  text: string;
  /** Its content is left unread (a `skip` path): nothing inside it is collected. */
  readonly skipped: boolean;
}

/**
 * Parses untrusted XML, or throws Iso20022Error (FF01). saxes checks that the whole document is well-formed XML as it
 * reads it, in one pass. The result has the shape the readers below walk: namespace prefixes and xmlns
 * declarations dropped, attributes as '@_name', text trimmed, the text of an element with attributes as '#text', and
 * an element that repeats as a list.
 * `skip`: element paths (as 'Document.CstmrPmtStsRpt.OrgnlPmtInfAndSts') whose content is not collected (the element
 * reads as ''), for a reader that only needs the rest: the whole document is still checked for declarations and
 * well-formedness.
 */
export function parseXmlSafely(xml: string, skip: readonly string[] = []): XmlNode {
  if (typeof xml !== 'string' || xml.trim() === '') throw new Iso20022Error('empty document');
  if (FORBIDDEN_DECLARATION.test(xml)) throw new Iso20022Error('DOCTYPE and ENTITY declarations are not allowed');
  const document: OpenElement = { name: '', path: '', node: {}, text: '', skipped: false };
  const open: OpenElement[] = [document];
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const parent = open[open.length - 1];
    const name = localName(tag.name);
    if (open.length > MAX_DEPTH) throw new Iso20022Error(`elements nested deeper than ${MAX_DEPTH}`, name);
    // Paths are only needed to find the elements to skip.
    const path = skip.length === 0 ? '' : parent.path ? `${parent.path}.${name}` : name;
    const element: OpenElement = { name, path, node: {}, text: '', skipped: parent.skipped || (skip.length > 0 && skip.includes(path)) };
    if (!element.skipped) {
      for (const [attribute, value] of Object.entries(tag.attributes)) {
        if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) element.node[ATTRIBUTE_PREFIX + localName(attribute)] = value;
      }
    }
    open.push(element);
  });
  const addText = (text: string) => {
    const element = open[open.length - 1];
    if (!element.skipped && NOT_BLANK.test(text)) element.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const element = open.pop() as OpenElement;
    const parent = open[open.length - 1];
    if (parent.skipped) return;
    addChild(parent.node, element.name, element.skipped ? '' : valueOf(element));
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof Iso20022Error) throw error;
    throw malformed(error as Error);
  }
  return document.node;
}

/** 'ns:Document' → 'Document': the readers know the messages by their element names alone. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function valueOf(element: OpenElement): XmlValue {
  const text = element.text.trim();
  if (Object.keys(element.node).length === 0) return text;
  if (text !== '') element.node[TEXT] = text;
  return element.node;
}

/** A second element of the same name makes the value a list, in document order. */
function addChild(node: XmlNode, name: string, value: XmlValue): void {
  const existing = node[name];
  if (existing === undefined) node[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else node[name] = [existing, value];
}

/** saxes says "3:17: unclosed tag: GrpHdr"; the file's sender reads "malformed XML: unclosed tag: GrpHdr (line 3)". */
function malformed(error: Error): Iso20022Error {
  const found = /^(\d+):(\d+): (.*)$/s.exec(error.message);
  return new Iso20022Error(found ? `malformed XML: ${found[3]} (line ${found[1]})` : `malformed XML: ${error.message}`);
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

/**
 * Writes a document; element order follows the key order of the objects, which the builders keep in XSD order. An
 * optional element left undefined, or a repeating one with an empty list, writes nothing: the builder skips them
 * itself (xml.spec.ts holds it to that), so the document is not copied first.
 */
export function buildXml(document: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document) as string}`;
}

/** An amount element: <Amt Ccy="VND">1500000</Amt>. */
export function amountNode(amount: string, currency = 'VND'): Record<string, string> {
  return { [TEXT]: amount, [`${ATTRIBUTE_PREFIX}Ccy`]: currency };
}

/**
 * Walks a parsed document with paths in error messages ("PmtInf[0]/CdtTrfTxInf[2]/Amt/InstdAmt"), so a rejected
 * file says where it went wrong.
 */
export class XmlReader {
  constructor(
    private readonly node: XmlNode,
    readonly path: string,
  ) {}

  static root(document: XmlNode, rootName: string, messageName: string): XmlReader {
    return new XmlReader(document, '').el(rootName).el(messageName);
  }

  /** Exactly one child element. */
  el(name: string): XmlReader {
    const found = this.optEl(name);
    if (!found) throw new Iso20022Error('missing element', this.join(name));
    return found;
  }

  optEl(name: string): XmlReader | undefined {
    const value = this.node[name];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) throw new Iso20022Error('element must not repeat', this.join(name));
    return new XmlReader(typeof value === 'string' ? {} : value, this.join(name));
  }

  /** A repeating child element, zero or more times. */
  all(name: string): XmlReader[] {
    const value = this.node[name];
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => {
      if (Array.isArray(item)) throw new Iso20022Error('unexpected nesting', this.join(`${name}[${i}]`));
      return new XmlReader(typeof item === 'string' ? {} : item, this.join(`${name}[${i}]`));
    });
  }

  /** The text of a child leaf, e.g. text('MsgId'); nested paths as 'Dt/Dt'. */
  text(path: string): string {
    const found = this.optText(path);
    if (found === undefined || found === '') throw new Iso20022Error('missing value', this.join(path));
    return found;
  }

  optText(path: string): string | undefined {
    const names = path.split('/');
    const last = names.pop() as string;
    const reader = this.descend(names);
    if (!reader) return undefined;
    const value = reader.node[last];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) throw new Iso20022Error('element must not repeat', reader.join(last));
    return leafText(value);
  }

  /** The texts of a repeating child leaf. */
  texts(name: string): string[] {
    const value = this.node[name];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map(leafText);
  }

  /** An attribute of a child element, e.g. attr('InstdAmt', 'Ccy'). */
  attr(path: string, attribute: string): string | undefined {
    const value = this.descend(path.split('/'))?.node[`${ATTRIBUTE_PREFIX}${attribute}`];
    return typeof value === 'string' ? value : undefined;
  }

  private descend(names: string[]): XmlReader | undefined {
    return names.reduce<XmlReader | undefined>((reader, name) => reader?.optEl(name), this);
  }

  join(name: string): string {
    return this.path ? `${this.path}/${name}` : name;
  }
}

function leafText(value: XmlValue): string {
  if (typeof value === 'string') return value;
  const text = Array.isArray(value) ? undefined : value[TEXT];
  return typeof text === 'string' ? text : '';
}
