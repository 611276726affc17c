import { createTheme } from '@mui/material/styles';

// ASSUMED: Celigo's palette (blue primary, light grey-blue page background, dark navy side bar);
// no public source gives the exact values.
export const theme = createTheme({
  palette: {
    primary: { main: '#1D76BD' },
    secondary: { main: '#00A1E1' },
    background: { default: '#F0F5F9', paper: '#FFFFFF' },
    text: { primary: '#333D47', secondary: '#677A89' },
    success: { main: '#4CBB02' },
    error: { main: '#FF3C3C' },
  },
  typography: {
    fontFamily: 'Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
    button: { textTransform: 'none', fontWeight: 500 },
  },
  shape: { borderRadius: 4 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiFilledInput: {
      styleOverrides: {
        root: { backgroundColor: '#FFFFFF', border: '1px solid #D6E4ED', borderRadius: 2, '&:hover': { backgroundColor: '#FFFFFF' }, '&.Mui-focused': { backgroundColor: '#FFFFFF', borderColor: '#1D76BD' } },
      },
    },
  },
});

export const NAV_BG = '#15243A';
