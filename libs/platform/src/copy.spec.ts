import { copyField, copyLine } from './copy';

describe('COPY text format', () => {
  it('escapes what would end a field or a row, and the escape character itself', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('Người lo mai táng')).toBe('Người lo mai táng');
  });

  it('writes numbers as they are, booleans as t and f, and NULL for what is missing', () => {
    expect([0, 76, 1250000n, true, false, undefined, null].map(copyField)).toEqual(['0', '76', '1250000', 't', 'f', '\\N', '\\N']);
  });

  it('writes a row as one line of tab-separated fields', () => {
    expect(copyLine(['r1', 3, undefined, '{"note":"a\\\\b"}'])).toBe('r1\t3\t\\N\t{"note":"a\\\\\\\\b"}\n');
  });
});
