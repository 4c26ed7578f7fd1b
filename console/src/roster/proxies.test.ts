import { describe, expect, it } from 'vitest';
import { emptyProxyForm, normalizeIdNumber, proxyFormProblem, proxyLinkBody } from './proxies';

describe('linking a family member at the desk', () => {
  const valid = {
    proxyIdNumber: ' 11010519491231002x ',
    relation: '子女' as const,
    services: ['appeals' as const, 'card' as const],
  };

  it('asks for the ID number, then the relation, then at least one service', () => {
    expect(proxyFormProblem(emptyProxyForm())).toBe('请填写家属的 18 位身份证号码');
    expect(proxyFormProblem({ ...valid, proxyIdNumber: '1101051949' })).toBe('请填写家属的 18 位身份证号码');
    expect(proxyFormProblem({ ...valid, relation: '' })).toBe('请选择家属与本人的关系');
    expect(proxyFormProblem({ ...valid, services: [] })).toBe('请至少选择一项可以代办的业务');
    expect(proxyFormProblem(valid)).toBeNull();
  });

  it('sends the number as the server reads it and the services in a fixed order', () => {
    expect(normalizeIdNumber(' 1101 0519 4912 31002x')).toBe('11010519491231002X');
    expect(proxyLinkBody(9, valid)).toEqual({
      holderPersonId: 9,
      proxyIdNumber: '11010519491231002X',
      relation: '子女',
      services: ['card', 'appeals'],
    });
  });

  it('starts with the card and appeals chosen, the usual errands of a family member', () => {
    expect(emptyProxyForm().services).toEqual(['card', 'appeals']);
  });
});
