import { ref, watch } from 'vue';

/**
 * A span of days chosen by preset (近 7 天, 近 30 天 …) or by hand: picking a preset sets the span, and
 * a span no preset gives clears the preset.
 */
export function useSpan(presets: readonly { label: string; from: string; to: string }[], initial: string) {
  const first = presets.find((p) => p.label === initial) ?? presets[0];
  const preset = ref(first.label);
  const range = ref<[string, string]>([first.from, first.to]);
  watch(preset, (label) => {
    const p = presets.find((x) => x.label === label);
    if (p && (p.from !== range.value[0] || p.to !== range.value[1])) range.value = [p.from, p.to];
  });
  watch(range, (r) => {
    if (!presets.some((p) => p.label === preset.value && p.from === r[0] && p.to === r[1])) preset.value = '';
  });
  return { preset, range };
}
