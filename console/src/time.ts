const FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An ISO instant as Beijing time, `2026/11/29 21:05`; a dash for none. */
export const formatTime = (iso: string | null | undefined): string => (iso ? FORMAT.format(new Date(iso)) : '—');
