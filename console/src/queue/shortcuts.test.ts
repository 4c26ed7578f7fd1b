import { describe, expect, it } from 'vitest';
import { isTyping, shortcutFor } from './shortcuts';

const input = (type = 'text') => ({ tagName: 'INPUT', type });

describe('shortcutFor', () => {
  it('maps J/K/A/R/X/? in either case', () => {
    expect(shortcutFor({ key: 'j' })).toBe('next');
    expect(shortcutFor({ key: 'J' })).toBe('next');
    expect(shortcutFor({ key: 'k' })).toBe('previous');
    expect(shortcutFor({ key: 'a' })).toBe('approve');
    expect(shortcutFor({ key: 'R' })).toBe('request_info');
    expect(shortcutFor({ key: 'x' })).toBe('reject');
    expect(shortcutFor({ key: '?' })).toBe('help');
    expect(shortcutFor({ key: 'q' })).toBeNull();
  });

  it('never fires while typing in an input, a text area, a select or editable text', () => {
    for (const target of [
      input(),
      input('search'),
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { isContentEditable: true },
    ]) {
      expect(shortcutFor({ key: 'a', target })).toBeNull();
      expect(shortcutFor({ key: 'j', target })).toBeNull();
    }
  });

  it('still fires from a check box (ticking rows for a batch), and Esc works everywhere', () => {
    expect(shortcutFor({ key: 'j', target: input('checkbox') })).toBe('next');
    expect(shortcutFor({ key: 'Escape', target: input() })).toBe('close');
  });

  it('leaves the browser’s own shortcuts and IME composition alone', () => {
    expect(shortcutFor({ key: 'a', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'r', metaKey: true })).toBeNull();
    expect(shortcutFor({ key: 'x', altKey: true })).toBeNull();
    expect(shortcutFor({ key: 'a', isComposing: true })).toBeNull();
  });

  it('a held key repeats moving, never a decision', () => {
    expect(shortcutFor({ key: 'j', repeat: true })).toBe('next');
    expect(shortcutFor({ key: 'a', repeat: true })).toBeNull();
  });

  it('isTyping tells buttons from text fields', () => {
    expect(isTyping(input('button'))).toBe(false);
    expect(isTyping(input('radio'))).toBe(false);
    expect(isTyping(input('password'))).toBe(true);
    expect(isTyping({ tagName: 'DIV' })).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
