// integrator.io replica front end, in one of two UI generations picked at build time by the
// `celigo-ui` alias (./mui/v4.js: @material-ui/core 4 + React 17; ./mui/v5.js: @mui/material 5 +
// React 18). The real app is React + redux + react-router + Material UI; see
// ../../../../shared/reference/real-site-evidence.md. The routing here is a small
// history.pushState router, so moving between pages never reloads the document, as in the SPA.
import '@fontsource/roboto/latin-400.css';
import '@fontsource/roboto/latin-500.css';
import '@fontsource/roboto/latin-700.css';
import './app.css';
import { ThemeProvider, CssBaseline, theme, mount, UI_GENERATION } from 'celigo-ui';
import { App } from './App.jsx';

document.documentElement.dataset.ui = UI_GENERATION; // ASSUMED: a marker for the tests only
mount(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <App />
  </ThemeProvider>,
  document.getElementById('root'),
);
