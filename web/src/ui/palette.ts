/** The colours the pages share (votes, modalities), readable on white. */
export const palette = {
  yes: '#2e7d32',
  no: '#c62828',
  abstention: '#ef8f00',
  absent: '#9e9e9e',
  accent: '#1f5fa8',
  muted: '#6b7280',
};
