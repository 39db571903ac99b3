import { foldName } from './names';

describe('foldName', () => {
  it.each([
    ['Nguyễn Thị Lan', 'nguyen thi lan'],
    ['ĐẶNG VĂN  ĐỨC', 'dang van duc'],
    ['  Trần   Hữu Phước ', 'tran huu phuoc'],
    ['Lê Thị Ánh Tuyết', 'le thi anh tuyet'],
  ])('%s → %s', (name, folded) => expect(foldName(name)).toBe(folded));
});
