import { Iso20022Error } from './errors';
import { amountNode, buildXml, parseXmlSafely } from './xml';

describe('buildXml: what the ISO 20022 builders rely on', () => {
  it('writes nothing for an optional element left undefined or a repeating one with an empty list', () => {
    const xml = buildXml({ Document: { GrpHdr: { MsgId: 'M1', CtrlSum: undefined, StsRsnInf: [] }, Tx: [{ Id: 'A', Rsn: undefined }, { Id: 'B' }] } });
    expect(xml).not.toMatch(/CtrlSum|StsRsnInf|Rsn|undefined/);
    expect(parseXmlSafely(xml)).toEqual({ Document: { GrpHdr: { MsgId: 'M1' }, Tx: [{ Id: 'A' }, { Id: 'B' }] } });
  });

  it('keeps the order of the keys, escapes text and writes attributes', () => {
    const xml = buildXml({ Document: { '@_xmlns': 'urn:x', B: 'Tô & Lan <1>', A: { Amt: amountNode('1500000') } } });
    expect(xml).toContain('<Document xmlns="urn:x">');
    expect(xml.indexOf('<B>')).toBeLessThan(xml.indexOf('<A>'));
    expect(xml).toContain('<B>Tô &amp; Lan &lt;1&gt;</B>');
    expect(xml).toContain('<Amt Ccy="VND">1500000</Amt>');
    expect(parseXmlSafely(xml)).toMatchObject({ Document: { B: 'Tô & Lan <1>', A: { Amt: { '#text': '1500000', '@_Ccy': 'VND' } } } });
  });
});

describe('parseXmlSafely: hostile files refused, the rest read into the shape the readers walk', () => {
  it('drops namespace prefixes and declarations, keeps attributes as @_, trims text, and lists an element that repeats', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <!-- a comment --><ns:Document xmlns="urn:a" xmlns:ns="urn:b">
        <ns:Amt ns:Ccy="VND"> 1500000 </ns:Amt>
        <Empty/><Blank>   </Blank><Flag On="1"/>
        <Tx>A</Tx><Other/><Tx>B</Tx>
        <Nm>Tô &amp; Lan &#x41;&#66;</Nm><Raw><![CDATA[a<b]]></Raw>
      </ns:Document>`;
    expect(parseXmlSafely(xml)).toEqual({
      Document: { Amt: { '@_Ccy': 'VND', '#text': '1500000' }, Empty: '', Blank: '', Flag: { '@_On': '1' }, Tx: ['A', 'B'], Other: '', Nm: 'Tô & Lan AB', Raw: 'a<b' },
    });
  });

  it.each([
    ['an empty file', '  ', /empty document/],
    ['a DOCTYPE', '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>', /DOCTYPE and ENTITY declarations are not allowed/],
    ['an entity XML does not define', '<Document><Nm>&nbsp;</Nm></Document>', /malformed XML: undefined entity/],
    ['an unclosed element, with its line', '<Document>\n<GrpHdr>\n</Document>', /malformed XML: unexpected close tag.* \(line 3\)/],
    ['two roots', '<Document/><Document/>', /malformed XML/],
    ['text outside the root', '<Document/>trailing', /malformed XML/],
    ['elements nested 65 deep', `${'<a>'.repeat(65)}${'</a>'.repeat(65)}`, /nested deeper than 64/],
  ])('refuses %s as FF01', (_, xml, message) => {
    expect(() => parseXmlSafely(xml)).toThrow(message);
    expect(() => parseXmlSafely(xml)).toThrow(Iso20022Error);
  });

  it('leaves the content of a skipped element unread, and still refuses the file if any of it is malformed', () => {
    const xml = '<Document><Hdr><Id>M1</Id></Hdr><Body><Tx>1</Tx><Tx>2</Tx></Body></Document>';
    expect(parseXmlSafely(xml, ['Document.Body'])).toEqual({ Document: { Hdr: { Id: 'M1' }, Body: '' } });
    expect(() => parseXmlSafely(xml.replace('<Tx>2</Tx>', '<Tx>2</Ty>'), ['Document.Body'])).toThrow(/malformed XML/);
  });
});
