// The edit drawer at `<base>/edit/connections/<id>`: loads the connection and shows its form.
// Closing it with unsaved changes asks first (`data-test="Discard changes"`).
// ASSUMED: the discard dialog's wording and its Cancel button.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Drawer, Typography, IconButton, CircularProgress, Alert, Button, Dialog, DialogTitle, DialogContent, DialogContentText, DialogActions, CloseIcon } from 'celigo-ui';
import { api } from './api.js';
import { navigate } from './router.jsx';
import { NetSuiteForm } from './NetSuiteForm.jsx';
import { GenericForm } from './GenericForm.jsx';

export function ConnectionDrawer({ connectionId, basePath }) {
  const [state, setState] = useState({ loading: true, connection: null, error: null });
  const [asking, setAsking] = useState(false);
  const dirty = useRef(false);
  const onDirty = useCallback((d) => { dirty.current = d; }, []);
  /** `force`: the form just saved (Save & close), nothing to lose. */
  const close = (force) => {
    if (force !== true && dirty.current) setAsking(true);
    else navigate(basePath);
  };

  useEffect(() => {
    let live = true;
    api(`/connections/${encodeURIComponent(connectionId)}`).then((r) => {
      if (live) setState({ loading: false, connection: r.ok ? r.body : null, error: r.ok ? null : (r.body?.errors?.[0]?.message ?? `HTTP ${r.status}`) });
    });
    return () => { live = false; };
  }, [connectionId]);

  const { loading, connection, error } = state;
  const onSaved = (c) => setState((s) => ({ ...s, connection: c }));
  return (
    <Drawer
      anchor="right"
      open
      onClose={() => close(false)}
      PaperProps={{ role: 'dialog', 'aria-label': 'Edit connection', 'data-test': 'editConnectionDrawer', className: 'drawer-paper' }}
    >
      <div className="drawer-head">
        <Typography variant="h6" component="h2" className="drawer-title">Edit connection</Typography>
        <IconButton aria-label="Close" data-test="closeDrawer" onClick={() => close(false)}><CloseIcon /></IconButton>
      </div>
      {loading && <div className="center"><CircularProgress size={28} /></div>}
      {error && (
        <div className="placeholder">
          <Alert severity="error">{error}</Alert>
          <Button data-test="cancel" onClick={() => close(true)}>Close</Button>
        </div>
      )}
      {connection && (connection.type === 'netsuite'
        ? <NetSuiteForm connection={connection} onSaved={onSaved} onClose={close} onDirty={onDirty} />
        : <GenericForm connection={connection} onSaved={onSaved} onClose={close} onDirty={onDirty} />)}
      <Dialog open={asking} onClose={() => setAsking(false)} aria-labelledby="discard-title" data-test="discardDialog">
        <DialogTitle id="discard-title">You have unsaved changes</DialogTitle>
        <DialogContent>
          <DialogContentText>Are you sure you want to leave this page and lose your unsaved changes?</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button data-test="Discard changes" variant="contained" color="primary" onClick={() => { setAsking(false); navigate(basePath); }}>Discard changes</Button>
          <Button data-test="Cancel" onClick={() => setAsking(false)}>Cancel</Button>
        </DialogActions>
      </Dialog>
    </Drawer>
  );
}
