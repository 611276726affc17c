// Connections other than NetSuite: only the name is editable in the replica.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { api, dataChanged } from './api.js';
import { DynaText } from './fields.jsx';
import { FormFrame, Section } from './FormFrame.jsx';
import { typeLabel } from './ConnectionsTable.jsx';

export function GenericForm({ connection, onSaved, onClose }) {
  const [name, setName] = useState(connection.name ?? '');
  const [saving, setSaving] = useState(false);
  const dirty = name !== (connection.name ?? '');
  const save = async (close) => {
    if (!name.trim()) return;
    setSaving(true);
    const r = await api(`/connections/${connection._id}`, { method: 'PUT', body: { name } });
    setSaving(false);
    if (r.ok) {
      onSaved(r.body);
      dataChanged();
      if (close) onClose();
    }
  };
  return (
    <FormFrame
      top={<Alert severity="info" sx={{ mb: 2 }}>The replica implements the {typeLabel(connection)} connection form only in part.</Alert>}
      actionsLeft={(
        <>
          <Button variant="contained" data-test="save" disabled={!dirty || saving} onClick={() => save(false)}>{saving ? 'Saving...' : 'Save'}</Button>
          {dirty && <Button variant="outlined" data-test="saveAndClose" disabled={saving} onClick={() => save(true)}>Save &amp; close</Button>}
          <Button data-test="cancel" onClick={onClose}>Close</Button>
        </>
      )}
    >
      <Section title="General">
        <DynaText id="name" label="Name" required value={name} onChange={setName} error={name.trim() ? null : 'A value must be provided'} />
      </Section>
    </FormFrame>
  );
}
