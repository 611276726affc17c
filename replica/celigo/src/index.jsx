// integrator.io replica front end: React 18 + Material UI v5 (emotion), bundled by ../build.mjs.
// The real app is React + redux + react-router + Material UI (v4, newer parts on @mui); see
// ../../../../shared/reference/netsuite-celigo-facts.md, section 4. The routing here is a small
// history.pushState router, so moving between pages never reloads the document, as in the SPA.
import '@fontsource/roboto/latin-400.css';
import '@fontsource/roboto/latin-500.css';
import '@fontsource/roboto/latin-700.css';
import { createRoot } from 'react-dom/client';
import { ThemeProvider } from '@mui/material/styles';
import CssBaseline from '@mui/material/CssBaseline';
import { theme } from './theme.js';
import { App } from './App.jsx';

createRoot(document.getElementById('root')).render(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <App />
  </ThemeProvider>,
);
