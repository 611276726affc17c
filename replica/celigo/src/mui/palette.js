// ASSUMED: Celigo's palette (no public source gives the exact values); both generations use it.
export const PALETTE = {
  primary: { main: '#1D76BD' },
  secondary: { main: '#00A1E1' },
  background: { default: '#F0F5F9', paper: '#FFFFFF' },
  text: { primary: '#333D47', secondary: '#677A89' },
  error: { main: '#FF3C3C' },
};
export const TYPOGRAPHY = {
  fontFamily: 'Roboto, "Helvetica Neue", Arial, sans-serif',
  fontSize: 14,
  button: { textTransform: 'none', fontWeight: 500 },
};
