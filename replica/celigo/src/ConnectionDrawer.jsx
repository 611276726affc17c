// The edit drawer at `<base>/edit/connections/<id>`: loads the connection and shows its form.
import { useEffect, useState } from 'react';
import Drawer from '@mui/material/Drawer';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import IconButton from '@mui/material/IconButton';
import CircularProgress from '@mui/material/CircularProgress';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CloseIcon from '@mui/icons-material/esm/Close';
import { api } from './api.js';
import { navigate } from './router.jsx';
import { NetSuiteForm } from './NetSuiteForm.jsx';
import { GenericForm } from './GenericForm.jsx';

export function ConnectionDrawer({ connectionId, basePath }) {
  const [state, setState] = useState({ loading: true, connection: null, error: null });
  const close = () => navigate(basePath);

  useEffect(() => {
    let live = true;
    api(`/connections/${encodeURIComponent(connectionId)}`).then((r) => {
      if (live) setState({ loading: false, connection: r.ok ? r.body : null, error: r.ok ? null : (r.body?.errors?.[0]?.message ?? `HTTP ${r.status}`) });
    });
    return () => { live = false; };
  }, [connectionId]);

  const { loading, connection, error } = state;
  return (
    <Drawer
      anchor="right"
      open
      onClose={close}
      PaperProps={{ role: 'dialog', 'aria-label': 'Edit connection', 'data-test': 'editConnectionDrawer', sx: { width: 'min(824px, 100vw)', bgcolor: 'background.default' } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', px: 3, py: 1.5, bgcolor: 'background.paper', borderBottom: '1px solid #D6E4ED' }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1, fontWeight: 500 }}>Edit connection</Typography>
        <IconButton aria-label="Close" data-test="closeDrawer" onClick={close}><CloseIcon /></IconButton>
      </Box>
      {loading && <Box sx={{ p: 4, textAlign: 'center' }}><CircularProgress size={28} /></Box>}
      {error && (
        <Box sx={{ p: 3 }}>
          <Alert severity="error">{error}</Alert>
          <Button sx={{ mt: 2 }} data-test="cancel" onClick={close}>Close</Button>
        </Box>
      )}
      {connection && (connection.type === 'netsuite'
        ? <NetSuiteForm connection={connection} onSaved={(c) => setState((s) => ({ ...s, connection: c }))} onClose={close} />
        : <GenericForm connection={connection} onSaved={(c) => setState((s) => ({ ...s, connection: c }))} onClose={close} />)}
    </Drawer>
  );
}
