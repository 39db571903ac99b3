import { rowsOf } from './sql';

describe('rowsOf', () => {
  it('reads the rows of a pg QueryResult and of a TypeORM SELECT or INSERT … RETURNING', () => {
    expect(rowsOf({ rows: [{ id: 1 }], rowCount: 1 })).toEqual([{ id: 1 }]);
    expect(rowsOf([{ id: 1 }, { id: 2 }])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(rowsOf([])).toEqual([]);
    expect(rowsOf(null)).toEqual([]);
  });

  it("reads TypeORM's [rows, affectedCount] of an UPDATE/DELETE … RETURNING as its rows: none when nothing changed", () => {
    expect(rowsOf([[], 0])).toEqual([]);
    expect(rowsOf([[{ status: 'PLANNED' }], 1])).toEqual([{ status: 'PLANNED' }]);
  });
});
