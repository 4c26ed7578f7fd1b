import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { useSpan } from './span';

describe('a span of days chosen by preset or by hand', () => {
  const presets = [
    { label: '近 7 天', from: '2026-11-24', to: '2026-11-30' },
    { label: '近 30 天', from: '2026-11-01', to: '2026-11-30' },
  ];

  it('starts on the preset asked for, and a preset picked sets its span', async () => {
    const { preset, range } = useSpan(presets, '近 30 天');
    expect(range.value).toEqual(['2026-11-01', '2026-11-30']);
    preset.value = '近 7 天';
    await nextTick();
    expect(range.value).toEqual(['2026-11-24', '2026-11-30']);
    expect(preset.value).toBe('近 7 天');
  });

  it('clears the preset when a span no preset gives is picked by hand, and keeps it for the same span', async () => {
    const { preset, range } = useSpan(presets, '近 7 天');
    range.value = ['2026-11-24', '2026-11-30'];
    await nextTick();
    expect(preset.value).toBe('近 7 天');
    range.value = ['2026-11-02', '2026-11-05'];
    await nextTick();
    expect(preset.value).toBe('');
  });
});
