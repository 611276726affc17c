// Connections other than NetSuite: only the name is editable in the replica.
import { useEffect, useState } from 'react';
import { Alert, Button } from 'celigo-ui';
import { api, dataChanged } from './api.js';
import { DynaText } from './fields.jsx';
import { FormFrame, Section } from './FormFrame.jsx';
import { typeLabel } from './ConnectionsTable.jsx';

export function GenericForm({ connection, onSaved, onClose, onDirty }) {
  const [name, setName] = useState(connection.name ?? '');
  const [saving, setSaving] = useState(false);
  const dirty = name !== (connection.name ?? '');
  useEffect(() => { onDirty?.(dirty); }, [dirty, onDirty]);
  const save = async (close) => {
    if (!name.trim()) return;
    setSaving(true);
    const r = await api(`/connections/${connection._id}`, { method: 'PUT', body: { name } });
    setSaving(false);
    if (r.ok) {
      onSaved(r.body);
      dataChanged();
      if (close) onClose(true);
    }
  };
  return (
    <FormFrame
      top={<Alert severity="info" className="status-panel">The replica implements the {typeLabel(connection)} connection form only in part.</Alert>}
      actionsLeft={(
        <>
          <Button variant="contained" color="primary" data-test="save" disabled={!dirty || saving} onClick={() => save(false)}>{saving ? 'Saving...' : 'Save'}</Button>
          {dirty && <Button variant="outlined" color="primary" data-test="saveAndClose" disabled={saving} onClick={() => save(true)}>Save &amp; close</Button>}
          <Button data-test="cancel" onClick={() => onClose(false)}>Close</Button>
        </>
      )}
    >
      <Section title="General" needsAttention>
        <DynaText id="name" label="Name" required value={name} onChange={setName} error={name.trim() ? null : 'A value must be provided'} />
      </Section>
    </FormFrame>
  );
}
