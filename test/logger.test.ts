import { createLogger, scrub } from '../server/lib/logger';

describe('log scrubbing', () => {
  it('masks ID and mobile numbers wherever they stand in a string', () => {
    for (const s of [
      '110101198001010011',
      'id110101198001010011',
      'x_11010119800101001X!',
      'tel13800138000',
      '+8613800138000',
      '(13800138000)',
    ]) {
      expect(scrub(s)).not.toMatch(/\d{11}/);
    }
    expect(scrub('order 20261123 amount 1999')).toBe('order 20261123 amount 1999');
  });

  it('drops fields with sensitive names, at any depth', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    log.info('x', { user: { idNumber: 'A', phone: 'B', nested: { accessToken: 'C', password: 'D' } }, ok: 'visible' });
    const out = JSON.parse(lines[0]);
    expect(out.user.idNumber).toBe('[redacted]');
    expect(out.user.phone).toBe('[redacted]');
    expect(out.user.nested.accessToken).toBe('[redacted]');
    expect(out.user.nested.password).toBe('[redacted]');
    expect(out.ok).toBe('visible');
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });
});
