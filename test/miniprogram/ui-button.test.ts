import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { fakeWx, flush } from './fake';

// One root for every load: miniprogram-simulate compiles the templates once per root.
const root = path.join(__dirname, '../../miniprogram');
const load = (name: string) => simulate.load(path.join(root, `components/${name}/${name}`), { rootPath: root });
const buttonId = load('ui-button');

function mount(id: string, props: Record<string, unknown>, events: string[]) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  const seen: string[] = [];
  for (const name of events) (comp as any).addEventListener(name, () => seen.push(name));
  return { comp, seen };
}

describe('ui-button', () => {
  beforeEach(() => fakeWx().reset());

  it('says press when tapped', async () => {
    const { comp, seen } = mount(buttonId, { look: 'primary' }, ['press']);
    comp.querySelector('.ui-btn')!.dispatchEvent('tap');
    await flush();
    expect(seen).toEqual(['press']);
    expect(comp.querySelector('.ui-btn')!.dom!.className).toContain('ui-btn--primary');
  });

  it('stays silent while disabled or loading, so nothing is sent twice', async () => {
    for (const props of [{ disabled: true }, { loading: true }]) {
      const { comp, seen } = mount(buttonId, { look: 'danger', ...props }, ['press']);
      comp.querySelector('.ui-btn')!.dispatchEvent('tap');
      await flush();
      expect(seen).toEqual([]);
    }
  });

  it('shows a disabled button in the disabled look whatever its look, and gives it no open-type', () => {
    const { comp } = mount(buttonId, { look: 'primary', disabled: true, openType: 'contact' }, []);
    const cls = comp.querySelector('.ui-btn')!.dom!.className;
    expect(cls).toContain('ui-btn--disabled');
    expect(comp.querySelector('.ui-btn')!.dom!.getAttribute('open-type') ?? '').toBe('');
  });

  it('looks like what it does: each look is its own class', () => {
    for (const look of ['primary', 'secondary', 'danger', 'plain']) {
      const { comp } = mount(buttonId, { look }, []);
      expect(comp.querySelector('.ui-btn')!.dom!.className).toContain(`ui-btn--${look}`);
    }
  });
});
