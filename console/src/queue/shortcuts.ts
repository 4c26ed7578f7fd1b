/** The queue's keyboard shortcuts, as shown in the help overlay. */
export type ShortcutAction = 'next' | 'previous' | 'approve' | 'request_info' | 'reject' | 'help' | 'close';

export const SHORTCUTS: Array<{ keys: string; action: ShortcutAction; label: string }> = [
  { keys: 'J', action: 'next', label: '下一条' },
  { keys: 'K', action: 'previous', label: '上一条' },
  { keys: 'A', action: 'approve', label: '通过' },
  { keys: 'R', action: 'request_info', label: '退回补充材料（选择原因）' },
  { keys: 'X', action: 'reject', label: '不予通过（填写原因）' },
  { keys: '?', action: 'help', label: '显示 / 隐藏快捷键' },
  { keys: 'Esc', action: 'close', label: '关闭弹窗' },
];

const KEYS: Record<string, ShortcutAction> = {
  j: 'next',
  k: 'previous',
  a: 'approve',
  r: 'request_info',
  x: 'reject',
  '?': 'help',
  Escape: 'close',
};

/** The parts of a KeyboardEvent the decision needs. */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  target?: unknown;
}

/** True when the event comes from somewhere the person is typing (inputs, text areas, editable text). */
export function isTyping(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string };
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Check boxes and buttons take no text: shortcuts still work after ticking one.
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((el.type ?? 'text').toLowerCase());
}

/**
 * The shortcut a key press means, or null: never while typing (except Esc), never with Ctrl/Cmd/Alt
 * (the browser's own shortcuts), never during IME composition, and letters in either case.
 */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  const action = KEYS[e.key] ?? KEYS[e.key.toLowerCase()];
  if (!action) return null;
  if (action !== 'close' && isTyping(e.target)) return null;
  if (e.repeat && action !== 'next' && action !== 'previous') return null;
  return action;
}
