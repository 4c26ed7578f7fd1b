import { FieldCrypto } from '../server/lib/field-crypto';

const make = (active = 'a', keys = ['a', 'b']) =>
  new FieldCrypto({
    keys: keys.map((id, i) => ({ id, key: Buffer.alloc(32, i + 1) })),
    activeKeyId: active,
    blindIndexKey: Buffer.alloc(32, 9),
    usingDevKeys: false,
  });

describe('field encryption', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const fc = make();
    const a = fc.encrypt('110105194912310021', 'ctx');
    const b = fc.encrypt('110105194912310021', 'ctx');
    expect(a).not.toBe(b);
    expect(fc.decrypt(a, 'ctx')).toBe('110105194912310021');
  });

  it('detects tampering through the GCM tag', () => {
    const fc = make();
    const parts = fc.encrypt('13800138000', 'ctx').split('.');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] ^= 1;
    parts[4] = ct.toString('base64url');
    expect(() => fc.decrypt(parts.join('.'), 'ctx')).toThrow();
  });

  it('refuses a value moved to another column', () => {
    const fc = make();
    expect(() => fc.decrypt(fc.encrypt('x', 'person.id_number'), 'person.phone')).toThrow();
  });

  it('decrypts with the key named in the value and fails clearly for an unknown key', () => {
    const old = make('a', ['a']).encrypt('secret', 'ctx');
    expect(make('b', ['a', 'b']).decrypt(old, 'ctx')).toBe('secret');
    expect(() => make('b', ['b']).decrypt(old, 'ctx')).toThrow(/"a" is not configured/);
  });
});
