import { ElMessage } from 'element-plus';
import { onMounted, ref, watch, type Ref } from 'vue';
import { messageOf } from '../api/errors';
import { client } from '../session/session';
import { downloadWorkbook } from './export';
import { exportName, type Table } from './tables';

/**
 * A figures screen's figures for the period chosen (`period`): fetched when the screen opens and
 * whenever the period changes, an answer overtaken by a later choice dropped; and its Excel export.
 */
export function useFigures<F, P>(opts: {
  /** The screen's name: the window's title and the workbook's. */
  title: string;
  period: Ref<P>;
  fetch: (period: P) => Promise<F>;
  tables: (figures: F) => Table[];
}) {
  const figures = ref<F | null>(null) as Ref<F | null>;
  const error = ref('');
  const loading = ref(false);
  const exporting = ref(false);

  let token = 0;
  async function load(): Promise<void> {
    // A picker cleared by hand chooses no period: the last figures stay until one is chosen.
    if (opts.period.value === null || opts.period.value === '') return;
    const mine = ++token;
    loading.value = true;
    error.value = '';
    try {
      const f = await opts.fetch(opts.period.value);
      if (mine === token) figures.value = f;
    } catch (e) {
      if (mine === token) {
        figures.value = null;
        error.value = messageOf(e);
      }
    } finally {
      if (mine === token) loading.value = false;
    }
  }

  async function exportTable(): Promise<void> {
    if (!figures.value || exporting.value) return;
    exporting.value = true;
    try {
      await downloadWorkbook(client, exportName(new Date(), opts.title), opts.tables(figures.value));
    } catch (e) {
      ElMessage.error(messageOf(e));
    } finally {
      exporting.value = false;
    }
  }

  // By value: a date picker that hands back the same span does not fetch again.
  watch(
    () => JSON.stringify(opts.period.value),
    () => void load(),
  );
  onMounted(() => {
    document.title = `${opts.title} · 戎友工作台`;
    void load();
  });
  return { figures, error, loading, exporting, load, exportTable };
}
