import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { flush } from './fake';

// One root for every load: miniprogram-simulate compiles the templates once per root.
const root = path.join(__dirname, '../../miniprogram');
const load = (name: string) => simulate.load(path.join(root, `components/${name}/${name}`), { rootPath: root });
// Each component is loaded once per file: a second load of one (here, inside ui-state) would draw it empty.
const stateId = load('ui-state');
const chipId = load('ui-chip');

function mount(id: string, props: Record<string, unknown>, events: string[]) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  const seen: string[] = [];
  for (const name of events) (comp as any).addEventListener(name, () => seen.push(name));
  return { comp, seen };
}

describe('ui-chip', () => {
  it('shows the word in its tone', () => {
    const { comp } = mount(chipId, { tone: 'danger', text: '已挂失' }, []);
    const chip = comp.querySelector('.ui-chip')!.dom!;
    expect(chip.textContent).toBe('已挂失');
    expect(chip.className).toContain('ui-chip--danger');
  });
});

describe('ui-state', () => {
  it('renders nothing once the content is ready', () => {
    const { comp } = mount(stateId, { state: 'ready' }, []);
    expect(comp.querySelector('.ui-state')).toBeFalsy();
  });

  it('offers a retry on an error and says action when tapped', async () => {
    const { comp, seen } = mount(stateId, { state: 'error', message: '网络不可用' }, ['action']);
    expect(comp.querySelector('.ui-state-text')!.dom!.textContent).toBe('网络不可用');
    const host = comp.querySelector('.ui-state-action') as any;
    host.querySelector('.ui-btn').dispatchEvent('tap');
    await flush();
    expect(seen).toEqual(['action']);
  });

  it('offers an action on empty only when one is named', () => {
    expect(mount(stateId, { state: 'empty' }, []).comp.querySelector('.ui-state-action')).toBeFalsy();
    expect(
      mount(stateId, { state: 'empty', actionText: '去看看' }, []).comp.querySelector('.ui-state-action'),
    ).toBeTruthy();
  });
});
