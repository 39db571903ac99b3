import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { Iso20022Error } from './errors';

/**
 * Safe reading and writing of ISO 20022 XML. A file from outside is hostile until proven otherwise: a DOCTYPE can
 * declare entities that read local files (XXE) or expand to gigabytes ("billion laughs"). ISO 20022 messages never
 * need one, so any DOCTYPE or ENTITY declaration rejects the file outright, and entity processing stays off.
 */

/** What fast-xml-parser yields: a leaf is a string, an element with children or attributes an object. */
export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [name: string]: XmlValue;
}

const FORBIDDEN_DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;
const ATTRIBUTE_PREFIX = '@_';
const TEXT = '#text';

/** With processEntities off the parser leaves even &amp; alone; decode the predefined and numeric ones here. */
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? match;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

const PARSER_OPTIONS = {
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  maxNestedTags: 64,
  tagValueProcessor: (_name: string, value: string) => decodeEntities(value),
  attributeValueProcessor: (_name: string, value: string) => decodeEntities(value),
};
const parser = new XMLParser(PARSER_OPTIONS);
/** Parsers that leave some elements unread (their content stays one raw string), by the paths they leave. */
const skippingParsers = new Map<string, XMLParser>();

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

/**
 * Parses untrusted XML, or throws Iso20022Error (FF01). `skip`: element paths (as 'Document.CstmrPmtStsRpt.OrgnlPmtInfAndSts')
 * whose content is not parsed into objects, for a reader that only needs the rest: the whole document is still
 * checked for declarations and well-formedness.
 */
export function parseXmlSafely(xml: string, skip: readonly string[] = []): XmlNode {
  if (typeof xml !== 'string' || xml.trim() === '') throw new Iso20022Error('empty document');
  if (FORBIDDEN_DECLARATION.test(xml)) throw new Iso20022Error('DOCTYPE and ENTITY declarations are not allowed');
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new Iso20022Error(`malformed XML: ${validation.err.msg} (line ${validation.err.line})`);
  }
  if (skip.length === 0) return parser.parse(xml) as XmlNode;
  const key = skip.join('|');
  let skipping = skippingParsers.get(key);
  if (!skipping) {
    skipping = new XMLParser({ ...PARSER_OPTIONS, stopNodes: [...skip] });
    skippingParsers.set(key, skipping);
  }
  return skipping.parse(xml) as XmlNode;
}

/** Writes a document; element order follows the key order of the objects, which the builders keep in XSD order. */
export function buildXml(document: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(dropUndefined(document)) as string}`;
}

/** An amount element: <Amt Ccy="VND">1500000</Amt>. */
export function amountNode(amount: string, currency = 'VND'): Record<string, string> {
  return { [TEXT]: amount, [`${ATTRIBUTE_PREFIX}Ccy`]: currency };
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, dropUndefined(v)]));
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
