import {
  checkDigitOf,
  checkIdNumber,
  checkPhone,
  ID_NUMBER_MESSAGES,
  PHONE_MESSAGES,
} from '../../miniprogram/utils/id-number';

const today = new Date(2026, 5, 15); // 2026-06-15 on the phone

describe('ID number check (GB 11643)', () => {
  it('accepts the standard example with its X check character', () => {
    expect(checkIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
    });
  });

  it('accepts a lowercase x and surrounding spaces, and normalizes them', () => {
    expect(checkIdNumber(' 11010519491231002x ', today)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
    });
  });

  it('accepts other valid numbers, including a 29 February in a leap year', () => {
    expect(checkIdNumber('440304199001011233', today)).toMatchObject({ ok: true, birthDate: '1990-01-01' });
    expect(checkIdNumber('310104198506152010', today)).toMatchObject({ ok: true, birthDate: '1985-06-15' });
    expect(checkIdNumber('110101200002290026', today)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(checkDigitOf('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check digit', () => {
    expect(checkIdNumber('110105194912310021', today)).toEqual({ ok: false, message: ID_NUMBER_MESSAGES.checkDigit });
    expect(ID_NUMBER_MESSAGES.checkDigit).toBe('身份证号码校验位不正确，请核对后重新输入');
  });

  it('refuses a birth date that does not exist, is before 1900 or is in the future', () => {
    const bad = { ok: false, message: '身份证号码中的出生日期不正确，请核对第 7 到 14 位' };
    // 1999 is not a leap year (the check digit is right, so only the date is wrong).
    expect(checkIdNumber('110101199902290018', today)).toEqual(bad);
    expect(checkIdNumber('110101189901010011', today)).toEqual(bad);
    expect(checkIdNumber('110101209912310015', today)).toEqual(bad);
    expect(checkIdNumber('110101199913310011', today)).toEqual(bad);
  });

  it('refuses a region code that is not a province', () => {
    expect(checkIdNumber('990101199001011230', today)).toEqual({
      ok: false,
      message: '身份证号码的地区码不正确，请核对前两位',
    });
  });

  it('refuses a number of the wrong length, saying how many were typed', () => {
    expect(checkIdNumber('11010519491231002', today)).toEqual({
      ok: false,
      message: '身份证号码应为 18 位，现在是 17 位',
    });
    expect(checkIdNumber('', today)).toEqual({ ok: false, message: '请填写身份证号码' });
  });

  it('refuses letters other than a final X', () => {
    expect(checkIdNumber('1101051949123100AX', today)).toEqual({ ok: false, message: ID_NUMBER_MESSAGES.chars });
    expect(checkIdNumber('11010519491231002Y', today)).toEqual({
      ok: false,
      message: '身份证号码前 17 位应为数字，最后一位为数字或 X',
    });
  });
});

describe('phone check', () => {
  it('accepts mainland mobile numbers', () => {
    expect(checkPhone('13812345678')).toEqual({ ok: true, normalized: '13812345678' });
    expect(checkPhone('199 1234 5678')).toEqual({ ok: true, normalized: '19912345678' });
  });

  it('refuses anything else', () => {
    expect(checkPhone('')).toEqual({ ok: false, message: PHONE_MESSAGES.empty });
    for (const p of ['12812345678', '1381234567', '138123456789', '02312345678']) {
      expect(checkPhone(p)).toEqual({ ok: false, message: '请填写 11 位手机号码' });
    }
  });
});
