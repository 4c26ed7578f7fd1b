import { batchedSink, createLogger, scrub } from '../server/lib/logger';

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

describe('the batched sink', () => {
  it('writes the lines of one turn of the event loop in one write, in order, and nothing before', async () => {
    const writes: string[] = [];
    const log = createLogger(
      'info',
      batchedSink((text) => writes.push(text)),
    );
    log.info('first', { n: 1 });
    log.info('second', { n: 2 });
    log.warn('third');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    const lines = writes[0].split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['first', 'second', 'third']);
    log.info('next turn');
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(2);
    expect(JSON.parse(writes[1]).msg).toBe('next turn');
  });

  it('writes what is pending when the process exits', () => {
    const writes: string[] = [];
    const sink = batchedSink((text) => writes.push(text));
    sink('{"msg":"last words"}');
    process.emit('exit', 1);
    expect(writes).toEqual(['{"msg":"last words"}\n']);
  });
});
