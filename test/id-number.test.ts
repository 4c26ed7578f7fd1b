import { ageOn, checkDigit, parseIdNumber } from '../server/lib/id-number';
import { maskIdNumber, maskName, maskPhone } from '../server/lib/mask';

const today = new Date('2026-11-23T00:00:00Z');

describe('GB 11643 ID numbers', () => {
  it('computes the check character of the standard’s examples', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
  });

  it('reads birth date and sex', () => {
    const r = parseIdNumber('11010519491231002X', today);
    expect(r).toEqual({ ok: true, facts: { normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'F' } });
    const male = '44052419800101001';
    const m = parseIdNumber(male + checkDigit(male), today);
    expect(m.ok && m.facts.gender).toBe('M');
  });

  it('names the first problem', () => {
    expect(parseIdNumber('11010519491231002', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('00010519491231002X', today)).toEqual({ ok: false, problem: 'region' });
    expect(parseIdNumber('110105194902300020', today)).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber('110105194912310021', today)).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('accepts 29 February only in leap years', () => {
    const leap = '11010520000229001';
    expect(parseIdNumber(leap + checkDigit(leap), today).ok).toBe(true);
    const common = '11010519990229001';
    expect(parseIdNumber(common + checkDigit(common), today)).toEqual({ ok: false, problem: 'birth_date' });
  });

  it('counts whole years of age', () => {
    expect(ageOn('2008-11-23', today)).toBe(18);
    expect(ageOn('2008-11-24', today)).toBe(17);
  });
});

describe('masks', () => {
  it('shows only the last four characters of numbers and the first character of names', () => {
    expect(maskIdNumber('002X')).toBe('**************002X');
    expect(maskPhone('5678')).toBe('*******5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});
